"""Where things go: mirrored output folders, Done/ and Failed/ with the reason.

The input's subfolder tree is kept everywhere: ``Incoming/show/ep1.mov``
gives its result in ``OUTPUT/show/``, and moves to ``Done/show/`` or
``Failed/show/``. Moves never overwrite (a numbered name is used instead),
and only videos are ever moved: a sidecar (``.srt``, ``.xml``) stays where it is.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path, PurePosixPath

from pixop_desktop.transfer.filenames import move_without_overwrite

from .rules import WatchRule

REASON_SUFFIX = ".txt"

#: Names that claim to be videos. One the pre-flight probe refuses (corrupt, a renamed text file)
#: is a failure someone must see (moved to Failed/ with the reason); any other refused file is a
#: sidecar (.srt, .xml …) and is never moved.
VIDEO_EXTENSIONS = frozenset({
    ".mp4", ".m4v", ".mov", ".qt", ".mxf", ".mkv", ".webm", ".avi", ".wmv", ".asf", ".flv", ".mts", ".m2ts",
    ".ts", ".m2t", ".mpg", ".mpeg", ".m2v", ".mpv", ".vob", ".dv", ".dif", ".3gp", ".3g2", ".ogv", ".y4m",
    ".r3d", ".braw", ".h264", ".264", ".h265", ".265", ".hevc",
})


def looks_like_video(name: str) -> bool:
    """Whether ``name`` has a video file extension (any case)."""
    return PurePosixPath(name).suffix.lower() in VIDEO_EXTENSIONS


#: Messages that open by saying their title again in other words ("Pixop rejected the request" /
#: "Pixop did not accept the request: …"): the title is said once.
_TITLE_RESTATED = {"pixop rejected the request": ("pixop did not accept the request",)}


def plain_message(title: str, message: str) -> str:
    """``message`` without an opening that says ``title`` again ("" when that was all it said)."""
    body = " ".join(message.split())
    for said in (title.strip(), *_TITLE_RESTATED.get(title.strip().lower(), ())):
        if said and body.lower().startswith(said.lower()):
            return body[len(said):].lstrip(" :.-")
    return body


def reason_line(title: str, message: str) -> str:
    """``title: message`` as one plain reason, the title said once."""
    body = plain_message(title, message)
    return f"{title}: {body}" if body else f"{title}."


def subfolder(rel_path: str) -> PurePosixPath:
    """The folder part of a path relative to the watched folder ("" for a file at the top)."""
    parent = PurePosixPath(rel_path).parent
    if parent.is_absolute() or ".." in parent.parts:  # never leave the chosen roots
        raise ValueError(f"{rel_path!r} is not inside the watched folder")
    return parent


def mirrored(root: str | os.PathLike[str], rel_path: str) -> Path:
    """``root`` plus the subfolders of ``rel_path``."""
    return Path(root).joinpath(*subfolder(rel_path).parts)


def output_folder_for(rule: WatchRule, rel_path: str) -> str | None:
    return str(mirrored(rule.output_folder, rel_path)) if rule.output_folder else None


def done_folder_for(rule: WatchRule, rel_path: str) -> str:
    return str(mirrored(rule.done_root, rel_path))


def reason_text(name: str, title: str, message: str, job_id: int | None) -> str:
    when = _dt.datetime.now().astimezone().isoformat(timespec="seconds")
    job = f" (job {job_id})" if job_id is not None else ""
    return (f"{name} was not processed{job}.\n\n{reason_line(title, message)}\n\n"
            f"Failed at {when}. To try again, move the file back into the watched folder.\n")


def move_to_failed(rule: WatchRule, source: Path, rel_path: str, title: str, message: str,
                   job_id: int | None = None) -> Path:
    """Move ``source`` into ``Failed/<subfolders>/`` and write ``NAME.txt`` next to it; returns the new path."""
    folder = mirrored(rule.failed_root, rel_path)
    folder.mkdir(parents=True, exist_ok=True)
    moved = move_without_overwrite(source, folder, source.name)
    write_reason(moved, reason_text(source.name, title, message, job_id))
    return moved


def write_reason(moved: Path, text: str) -> Path:
    """``NAME.ext.txt`` beside the moved file (replaced atomically if it is ours already)."""
    target = moved.with_name(moved.name + REASON_SUFFIX)
    temporary = target.with_name(target.name + ".writing")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)
    return target
