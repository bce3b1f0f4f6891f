"""A run killed while it saved a download's sidecar leaves fileio's temporary copy of it; the
download that finishes (or drops) that .part takes its strays with its sidecar, no one else's."""

from __future__ import annotations

from pixop_desktop.transfer.partfile import Sidecar


def test_removing_a_sidecar_takes_its_stray_temporary_copies(tmp_path):
    part = tmp_path / "clip [1].mp4.part"
    Sidecar(url="http://127.0.0.1/x").save(part)
    stray = tmp_path / ".clip [1].mp4.part.json-0123456789ab.tmp"
    other = tmp_path / ".other.mp4.part.json-0123456789ab.tmp"
    stray.write_text("{}")
    other.write_text("{}")
    Sidecar.remove(part)
    assert sorted(p.name for p in tmp_path.iterdir()) == [other.name]
