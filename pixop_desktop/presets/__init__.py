"""Presets: named processing requests people save, share and reuse (Qt-free).

A preset is a name, a description and a ``ProcessingRequest``. Built-in
starters come with the app (``builtin.py``); a person's own presets are JSON
files, one per preset, in ``paths.data_dir()/presets/``. Preset files are
shared by export/import; ``get_preset`` takes a name *or* a path to such a file
(the ``--preset NAME|FILE`` convention of the upload and watch commands).

Every failure is a ``PresetError`` with a plain ``title`` and ``message``.
"""

from .model import FILE_FORMAT, Preset, PresetError
from .store import (
    damaged_preset_files,
    delete_preset,
    export_preset,
    get_preset,
    import_preset,
    list_presets,
    presets_dir,
    save_preset,
)
from .builtin import BUILT_IN_PRESETS

__all__ = [
    "BUILT_IN_PRESETS", "FILE_FORMAT", "Preset", "PresetError", "damaged_preset_files", "delete_preset", "export_preset",
    "get_preset", "import_preset", "list_presets", "presets_dir", "save_preset",
]
