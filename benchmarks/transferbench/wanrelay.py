"""A long fat link on loopback: a TCP relay that delays every byte by half a round trip in each
direction and caps each connection's throughput.

Over a long link one TCP stream is limited by its window: at most window / RTT, whatever the
line could carry (and loss makes it worse). This relay models that as a per-connection cap
(``--rate`` bytes/s each way) plus the delay (``--rtt``): a new connection waits one round trip
(the handshake), then every chunk is released ``rtt/2`` after it was read, paced by that
connection's own token bucket. At most one bandwidth-delay product is held per direction, so
the sender feels back-pressure as on a real link. Connections are independent, as TCP streams
on a link with spare capacity are: N streams get N times the cap.

Run as its own process (it must not share a GIL with the server or the client it measures):

    python -m benchmarks.transferbench.wanrelay --target 127.0.0.1:PORT --rtt 0.15 --rate 40e6

prints ``listening PORT`` once ready, and relays until killed.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

CHUNK = 256 * 1024


class Pipe:
    """One direction of one connection: delayed by ``delay`` s, paced at ``rate`` bytes/s."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float,
                 rate: float) -> None:
        self.reader, self.writer, self.delay, self.rate = reader, writer, delay, rate
        in_flight = max(4, int(rate * delay * 2 / CHUNK) + 2)  # about one bandwidth-delay product
        self.queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue(maxsize=in_flight)

    async def run(self) -> None:
        sender = asyncio.create_task(self._send())
        try:
            while chunk := await self.reader.read(CHUNK):
                await self.queue.put((time.monotonic() + self.delay, chunk))
        except (ConnectionError, OSError):
            pass
        finally:
            await self.queue.put((time.monotonic() + self.delay, b""))
            await sender

    async def _send(self) -> None:
        free_at = 0.0  # when the link finished sending the previous chunk
        try:
            while True:
                due, chunk = await self.queue.get()
                if not chunk:
                    break
                free_at = max(free_at, due) + len(chunk) / self.rate
                wait = free_at - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                self.writer.write(chunk)
                await self.writer.drain()
            if self.writer.can_write_eof():
                self.writer.write_eof()
        except (ConnectionError, OSError):
            pass


async def _serve(client_r, client_w, target: tuple[str, int], rtt: float, rate: float) -> None:
    try:
        await asyncio.sleep(rtt)  # the TCP handshake costs a round trip on a real link
        upstream_r, upstream_w = await asyncio.open_connection(*target)
    except OSError:
        client_w.close()
        return
    try:
        await asyncio.gather(Pipe(client_r, upstream_w, rtt / 2, rate).run(),
                             Pipe(upstream_r, client_w, rtt / 2, rate).run())
    finally:
        for writer in (upstream_w, client_w):
            writer.close()


async def main_async(target: tuple[str, int], rtt: float, rate: float, port: int) -> None:
    server = await asyncio.start_server(lambda r, w: _serve(r, w, target, rtt, rate),
                                        "127.0.0.1", port)
    print(f"listening {server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", required=True, help="HOST:PORT to relay to")
    parser.add_argument("--rtt", type=float, default=0.15, help="round trip in seconds (default 0.15)")
    parser.add_argument("--rate", type=float, default=40e6,
                        help="bytes per second per connection and direction (default 40e6)")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: any free)")
    args = parser.parse_args(argv)
    host, _, port = args.target.rpartition(":")
    try:
        asyncio.run(main_async((host, int(port)), args.rtt, args.rate, args.port))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
