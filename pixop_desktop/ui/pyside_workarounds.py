"""Work around reference-count bugs of PySide6 6.12 that crash the app after a while.

Two PySide6 calls hand Python a *borrowed* reference to a singleton as if it
were a new one, so every call takes one reference away from it:

- ``SignalInstance.emit(...)`` returns ``True`` that way;
- ``QStyleOption.widget`` (e.g. in a delegate's ``paint``) returns ``None`` that way.

After a few hundred emits (or paints) ``True``'s (or ``None``'s) count reaches
zero and CPython aborts: "Fatal Python error: bool_dealloc: deallocating True
or False" — a GUI that ran for a minute with a busy queue died that way.

Extra references to these singletons are harmless (they are never freed),
so ``pin_singletons()`` adds 2**40 of them once per process: enough for
centuries of emits. From Python 3.12 the singletons are immortal (PEP 683)
and nothing is done. Our own code also avoids ``QStyleOption.widget``.
"""

from __future__ import annotations

import ctypes
import sys

_PINNED = False
EXTRA_REFERENCES = 1 << 40


def pin_singletons() -> None:
    """Give None, True and False enough references that buggy decrements never free them."""
    global _PINNED
    if _PINNED or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        _PINNED = True
        return
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object (Py_ssize_t).
        count = ctypes.c_ssize_t.from_address(id(singleton))
        count.value += EXTRA_REFERENCES
    _PINNED = True
