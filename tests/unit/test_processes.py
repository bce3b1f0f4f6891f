"""The liveness check answers without touching the process (on Windows signal 0 is Ctrl-C)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from pixop_desktop.processes import pid_alive


def test_a_live_process_is_alive_and_receives_nothing(tmp_path):
    marker = tmp_path / "signals.txt"
    child = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import signal, sys, time
        got = []
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1):
            signal.signal(sig, lambda n, f: got.append(n))
        print("ready", flush=True)
        sys.stdin.readline()
        open({str(marker)!r}, "w").write(repr(got))
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    with child:
        assert child.stdout.readline().strip() == "ready"
        assert pid_alive(child.pid)
        child.stdin.write("\n")
        child.stdin.flush()
        child.wait(timeout=10)
    assert marker.read_text() == "[]"


def test_an_ended_process_is_not_alive():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait(timeout=10)
    assert not pid_alive(child.pid)
    assert not pid_alive(0) and not pid_alive(-1)
