"""Answer the real modal dialogs a test's action opens, one after another, as a person would.

A polling timer looks at ``QApplication.activeModalWidget()`` without ever blocking, so it works
for dialogs opened one after another from the same slot (the wizard, then a question), whose
event loops nest and unwind in turn.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


_ANSWERED = "answeredByTest"


class ModalAnswers:
    """``steps``: (widget class, answer(widget)) in the order the dialogs appear.

    ``seen`` gets each answered dialog's text (a QMessageBox's text, otherwise its title).
    A dialog of an unexpected class (or any dialog, with no steps) is noted in ``unexpected`` and
    rejected, so a broken test fails instead of hanging. It stops watching after its last step.
    """

    def __init__(self, *steps: tuple[type, Callable[[QWidget], None]]) -> None:
        self.steps = list(steps)
        self.seen: list[str] = []
        self.unexpected: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def done(self) -> bool:
        return not self.steps

    def stop(self) -> None:
        self._timer.stop()

    def _poll(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or not widget.isVisible() or widget.property(_ANSWERED):
            return
        widget.setProperty(_ANSWERED, True)  # a mark on the dialog itself: a later one may reuse its address
        text = widget.text() if isinstance(widget, QMessageBox) else widget.windowTitle()
        if not self.steps or not isinstance(widget, self.steps[0][0]):
            self.unexpected.append(text)
            widget.reject()
            return
        _kind, answer = self.steps.pop(0)
        self.seen.append(text)
        if not self.steps:
            self.stop()  # the next ModalAnswers of the test answers what comes after
        answer(widget)


def button(box: QMessageBox, text: str):
    return next(b for b in box.buttons() if b.text() == text)
