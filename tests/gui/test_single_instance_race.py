"""Several launches at the same moment (a multi-file "Open with" can start one per file): exactly
one becomes the instance, every other hands its file to it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import uuid

import pytest

pytestmark = pytest.mark.timeout(60)

LAUNCH = textwrap.dedent("""
    import sys, time
    from PySide6.QtCore import QCoreApplication, QEventLoop
    from pixop_desktop.ui.app.single_instance import claim_single_instance

    app = QCoreApplication([])
    got = []
    print("ready", flush=True)
    sys.stdin.readline()  # all launches go at the same moment
    server = claim_single_instance([sys.argv[2]], name=sys.argv[1])
    if server is None:
        print("handed", flush=True)
    else:
        server.request_received.connect(got.extend)
        print("instance", flush=True)
        end = time.monotonic() + float(sys.argv[3])
        while time.monotonic() < end:  # serve the others for a while
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        server.close()
        print("received", len(got), flush=True)
""")


def test_launches_at_the_same_moment_make_one_instance(tmp_path):
    name = f"pixop-race-{uuid.uuid4().hex[:8]}"
    env = dict(os.environ, PIXOP_DESKTOP_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    files = []
    for n in range(4):
        path = tmp_path / f"clip{n}.mp4"
        path.write_bytes(b"x")
        files.append(path)
    launches = [subprocess.Popen([sys.executable, "-c", LAUNCH, name, str(path), "3"], env=env,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for path in files]
    for launch in launches:
        assert launch.stdout.readline().strip() == "ready"
    for launch in launches:
        launch.stdin.write("go\n")
        launch.stdin.flush()
    outputs = [launch.communicate(timeout=40)[0].split() for launch in launches]
    assert sum(out[:1] == ["instance"] for out in outputs) == 1, outputs
    assert sum(out[:1] == ["handed"] for out in outputs) == 3, outputs
    [instance] = [out for out in outputs if out[:1] == ["instance"]]
    assert instance[-2:] == ["received", "3"], instance
