"""What is known about the source video, as far as planning the output needs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceInfo:
    """The source video's facts, from Pixop's ingestion metadata or a local probe.

    ``container`` is one of mov/mxf/mp4/mts or an FFmpeg format name
    ("mpegts", "mxf", "mov,mp4,m4a,3gp,3g2,mj2"); ``codec`` is FFmpeg's codec
    name ("h264", "prores", "mpeg2video", ...); ``pix_fmt`` FFmpeg's pixel
    format ("yuv420p"). ``display_aspect`` is width/height as shown (it differs
    from the stored width/height when pixels are not square).
    """

    width: int
    height: int
    fps: float
    duration_ms: int | None = None
    display_aspect: float | None = None
    pix_fmt: str | None = None
    codec: str | None = None
    container: str | None = None
    interlaced: bool = False
    field_order: str | None = None
    """For interlaced sources: "tff" or "bff" when known (kept on interlaced output)."""

    @property
    def storage_aspect(self) -> float:
        return self.width / self.height

    @property
    def shown_aspect(self) -> float:
        """Display aspect ratio, or the storage one when the display one is unknown."""
        return self.display_aspect or self.storage_aspect


# FFmpeg's demuxer for both QuickTime and MPEG-4 files: only the file's major brand tells them apart.
_ISO_DEMUXER = "mov,mp4,m4a,3gp,3g2,mj2"
_QUICKTIME_BRANDS = frozenset({"qt", ""})

# The members of that family, as a file's extension or MIME type names them, and the name a
# person reads for each (the one table: the output plan and the details panel both read it).
_ISO_MEMBERS: tuple[tuple[str, tuple[str, ...], tuple[str, ...], str], ...] = (
    ("mov", ("mov", "qt"), ("video/quicktime",), "QuickTime / MOV"),
    ("mp4", ("mp4", "m4v"), ("video/mp4", "video/x-m4v", "application/mp4"), "MP4"),
    ("m4a", ("m4a",), ("audio/mp4", "audio/x-m4a"), "M4A"),
    ("3gp", ("3gp",), ("video/3gpp", "audio/3gpp"), "3GP"),
    ("3g2", ("3g2",), ("video/3gpp2", "audio/3gpp2"), "3G2"),
    ("mj2", ("mj2", "mjp2"), ("video/mj2",), "Motion JPEG 2000"),
)


def _iso_member(file_name: str | None, mime_type: str | None) -> tuple[str, str] | None:
    """(member, shown name) of the ISO family by the file's extension, else its MIME type."""
    suffix = file_name.rsplit(".", 1)[-1].lower() if file_name and "." in file_name else ""
    mime = (mime_type or "").split(";", 1)[0].strip().lower()
    for test in (lambda m: suffix in m[1], lambda m: mime in m[2]):
        for member in _ISO_MEMBERS:
            if test(member):
                return member[0], member[3]
    return None


def is_iso_family(format_name: str | None) -> bool:
    """Whether FFmpeg's container name is the ambiguous QuickTime/MPEG-4 family."""
    return bool(format_name) and (format_name == _ISO_DEMUXER or format_name.startswith("mov,"))


def container_name(format_name: str | None, major_brand: str | None = None,
                   file_name: str | None = None, mime_type: str | None = None) -> str | None:
    """The source's container as the output plan reads it ("mov", "mp4", "mxf", "mpegts" …).

    FFmpeg names MP4 and QuickTime files alike; the major brand (``qt  `` or none for
    QuickTime, ``isom``/``mp42``… for MPEG-4, as Pixop's ingestion and the sandbox read it)
    decides, else the file's extension, else its MIME type. A .mov source must not be
    announced as .mp4: the output keeps the source's container when it can hold the codec.
    The family's other members (.3gp, .m4a …) keep FFmpeg's name: the plan treats them as MP4.
    """
    if not is_iso_family(format_name):
        return format_name
    if major_brand is not None:
        return "mov" if major_brand.strip().lower() in _QUICKTIME_BRANDS else "mp4"
    member = _iso_member(file_name, mime_type)
    return member[0] if member and member[0] in ("mov", "mp4") else format_name


def container_label(format_name: str | None, long_name: str | None = None,
                    file_name: str | None = None, mime_type: str | None = None) -> str | None:
    """The container as a person reads it: "MP4", "QuickTime / MOV", "3GP", else FFmpeg's long name.

    Pixop's metadata calls every file of the QuickTime/MPEG-4 family "QuickTime / MOV" (FFmpeg's
    name for the demuxer); the file's extension or MIME type says which one it really is."""
    if is_iso_family(format_name) and (member := _iso_member(file_name, mime_type)) is not None:
        return member[1]
    return long_name or format_name
