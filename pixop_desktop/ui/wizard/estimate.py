"""The wizard's cost line for a video already on Pixop: whenever the summary is shown with new
settings, Pixop is asked what they would cost (an appraisal: nothing is ordered), on a pool
thread; the answer, or the plain reason there is none, goes to ``SummaryPage.show_estimate``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Slot

from pixop_desktop.processing import ProcessingRequestError
from pixop_desktop.services import estimates
from pixop_desktop.ui.approval_estimates import estimate_text, reason_text
from pixop_desktop.ui.tasks import BackgroundTasks


ASK_AGAIN_MS = 3000  # a video Pixop is still reading: asked again this often …
ASK_AGAIN_TIMES = 40  # … while the summary shows, for about two minutes at most


class WizardEstimate(QObject):
    """Keeps ``wizard``'s summary showing the estimate for ``video_id`` with the current settings."""

    def __init__(self, wizard, client_of: Callable[[], Any], video_id: str) -> None:
        super().__init__(wizard)
        self.wizard, self._client_of, self.video_id = wizard, client_of, video_id
        self._asked: str | None = None
        self._last_key: str | None = None
        self._again = 0
        self._retry = QTimer(self, singleShot=True, interval=ASK_AGAIN_MS)
        self._retry.timeout.connect(self._ask_again)
        self.tasks = BackgroundTasks(self, max_threads=1)
        wizard.currentIdChanged.connect(self._page_changed)
        wizard.finished.connect(self._finished)

    @Slot(int)
    def _finished(self, _result: int) -> None:
        self._retry.stop()
        self.tasks.shutdown()

    @Slot()
    def _ask_again(self) -> None:
        self._asked = None
        self._page_changed(self.wizard.currentId())

    @Slot(int)
    def _page_changed(self, _page_id: int) -> None:
        if self.wizard.currentPage() is not self.wizard.summary:
            return
        try:
            body = self.wizard.draft.request().to_json()
        except ProcessingRequestError:  # the summary lists what to fix; no price for that
            self._asked = None
            self.wizard.summary.show_estimate("")
            return
        key = estimates.settings_key(body)
        if key == self._asked:
            return
        if key != self._last_key:
            self._again, self._last_key = 0, key
        self._asked = key
        if not self._again:  # asking again keeps the reason on show meanwhile
            self.wizard.summary.show_estimate(self.tr("Asking Pixop what it costs…"))
        self.tasks.run("estimate", estimates.estimate_video, self._client_of(), self.video_id, body,
                       on_done=self._estimated, on_error=self._failed)

    def _estimated(self, found) -> None:
        if isinstance(found, estimates.Estimate) and found.cost_usd is not None:
            text = estimate_text(found)
            self.wizard.summary.show_estimate(text[:1].upper() + text[1:])
            return
        self.wizard.summary.show_estimate(reason_text(found) if isinstance(found, estimates.NoEstimate) else "")
        waiting = (estimates.NOT_READY, estimates.NOT_CONNECTED)  # answers that change by themselves
        if isinstance(found, estimates.NoEstimate) and found.reason in waiting and self._again < ASK_AGAIN_TIMES:
            self._again += 1
            self._retry.start()

    def _failed(self, title: str, message: str) -> None:
        self._asked = None  # asked again next time the summary is shown
        self.wizard.summary.show_estimate(f"{title}: {message}")
