"""The CRC32C a signed-link download keeps while it writes (transfer/crc.RunningCrc32c): the same
number as reading the finished file, whether it started from zero or resumed a partial."""

from __future__ import annotations

import random

from pixop_desktop.transfer.crc import RunningCrc32c, file_crc32c


def test_a_resumed_running_crc_equals_the_finished_files(tmp_path):
    data = random.Random(3).randbytes(3 * 1024 * 1024 + 5)
    part = tmp_path / "result.mp4.part"
    part.write_bytes(data[:1_000_000])  # what an earlier run wrote
    crc = RunningCrc32c()
    crc.catch_up(part, 1_000_000)
    buffer = memoryview(bytearray(data))  # pieces arrive as views of a reused buffer
    for start in range(1_000_000, len(data), 1 << 20):
        crc.update(buffer[start:start + (1 << 20)])
    part.write_bytes(data)
    assert crc.covered == len(data) and crc.value == file_crc32c(part)
    crc.catch_up(part, 0)  # a restart from zero forgets it all
    assert (crc.covered, crc.value) == (0, 0)
