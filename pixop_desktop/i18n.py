"""Marking English of the Qt-free core for translators, without importing Qt.

``QT_TRANSLATE_NOOP("Context", "literal")`` returns the literal unchanged; its
only purpose is that ``pyside6-lupdate`` (which reads the name of the call, not
where it comes from) puts the literal into the translators' template under
that context. The UI then shows the text with
``ui.translations.core_text(CONTEXT, text)``, looked up under the same context.

Only *fixed* texts can be marked: a sentence assembled with an f-string never
matches its template at lookup time and stays English.

The contexts, one per family of texts. lupdate needs the context as a literal in
each call, so these names repeat what the calls write; keep them equal.
"""

from __future__ import annotations

PROCESSING = "Processing"
"""api/processing: field labels and help, value labels and help, units, fixed rule sentences."""
PRESETS = "Presets"
"""presets/builtin.py: the built-in presets' names and descriptions."""
FILE_NAMES = "FileNames"
"""jobs/templates.py: what each file name placeholder means, fixed template problems."""
CREDENTIALS = "Credentials"
"""credentials.py: the fixed sentences of ``CredentialStore.describe()``."""
QUEUE = "Queue"
"""services/words.py: what a job is doing (state and stage words), the speed pattern."""
ESTIMATES = "Estimates"
"""services/estimates.py: why there is no cost estimate, and how an estimate reads."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """``text`` unchanged; lupdate extracts it under ``context``."""
    return text
