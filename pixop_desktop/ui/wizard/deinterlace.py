"""The suggestion to deinterlace an interlaced source, as a change of the draft that can be undone.

Ticking it sets a deinterlacer (Bob Weaver, unless one is chosen) and progressive output;
unticking puts back exactly what was there. Plain Python (no Qt).
"""

from __future__ import annotations

from typing import Any

from pixop_desktop.processing import Deinterlacer, OutputPlan

from .draft import Draft

SUGGESTED = Deinterlacer.BWDIF


class DeinterlaceChoice:
    def __init__(self) -> None:
        self.touched = False
        """The person used the box: it stays offered (to untick) though the output is now progressive."""
        self._before: tuple[Any, Any] | None = None

    def offered(self, plan: OutputPlan | None) -> bool:
        """Whether the box is the person's to tick: the output would stay interlaced, or they ticked it."""
        return plan is not None and (self.touched or plan.interlaced is not None)

    def toggle(self, draft: Draft, on: bool) -> None:
        self.touched = True
        if on:
            self._before = (draft.get("deinterlacer"), draft.get("scanning"))
            draft.set("deinterlacer", draft.get("deinterlacer") or SUGGESTED.value)
            draft.set("scanning", {"tag": "progressive"})
        elif self._before is not None:
            deinterlacer, scanning = self._before
            draft.set("deinterlacer", deinterlacer)
            draft.set("scanning", scanning)
            self._before = None
        else:  # ticked by the goal itself: take the deinterlacer away and keep the fields
            draft.set("deinterlacer", None)
            draft.set("scanning", {"tag": "auto"})
