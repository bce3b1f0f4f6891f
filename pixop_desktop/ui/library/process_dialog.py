"""Process a video that is on Pixop already: choose a preset, see the estimate, then order it.

The estimate (``services.estimates``; nothing is ordered by asking) is fetched in the background
for each preset chosen; "Process" stays possible without one (no API key, Pixop busy), and the
reason is said instead of a figure. With an API key alone, a goal Pixop's current API cannot order
(``services.library.key_only_refusal``) is said before ordering, with the next step, and
"Process" is off for it: nothing is ordered that the queue could not follow.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout,
                               QWidget)

from pixop_desktop.i18n import PRESETS
from pixop_desktop.presets import list_presets
from pixop_desktop.services import estimates
from pixop_desktop.services.library import key_only_refusal
from pixop_desktop.ui.approval_estimates import estimate_text, reason_text
from pixop_desktop.ui.tasks import BackgroundTasks
from pixop_desktop.ui.translations import core_text


class ProcessVideoDialog(QDialog):
    """``chosen_preset()`` after ``exec()`` accepted."""

    def __init__(self, video: Any, client_of, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.video, self._client_of = video, client_of
        name = video.name or video.filename or video.id
        self.setWindowTitle(self.tr("Process “{name}”").format(name=name))
        self.tasks = BackgroundTasks(self, max_threads=1)
        self.presets = list_presets()
        self.preset_box = QComboBox()
        self.preset_box.setAccessibleName(self.tr("Preset"))
        for preset in self.presets:
            self.preset_box.addItem(core_text(PRESETS, preset.name))
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.estimate = QLabel()
        self.estimate.setAccessibleName(self.tr("Estimate"))
        self.estimate.setWordWrap(True)
        form = QFormLayout()
        label = QLabel(self.tr("&Goal:"))
        label.setBuddy(self.preset_box)
        form.addRow(label, self.preset_box)
        form.addRow("", self.description)
        form.addRow(self.tr("Cost:"), self.estimate)
        self.refusal = QLabel()
        self.refusal.setAccessibleName(self.tr("Why this goal can't be ordered"))
        self.refusal.setWordWrap(True)
        self.refusal.setTextFormat(Qt.TextFormat.RichText)
        self.refusal.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                             | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.refusal.linkActivated.connect(self._show_refusal_detail)
        self.refusal.hide()
        self._refusal_detail = ""
        form.addRow("", self.refusal)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.process_button = self.buttons.addButton(self.tr("&Process on Pixop"),
                                                     QDialogButtonBox.ButtonRole.AcceptRole)
        self.process_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The video is already on Pixop: nothing is uploaded again. "
                               "The result is downloaded to your downloads folder."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.preset_box.currentIndexChanged.connect(self._preset_changed)
        self._preset_changed(self.preset_box.currentIndex())

    def chosen_preset(self):
        index = self.preset_box.currentIndex()
        return self.presets[index] if 0 <= index < len(self.presets) else None

    def _preset_changed(self, _index: int) -> None:
        preset = self.chosen_preset()
        if preset is None:
            self.description.setText(self.tr("No presets: make one in File → Presets…"))
            self.process_button.setEnabled(False)
            return
        self.description.setText(core_text(PRESETS, preset.description))
        if self._refused(preset):
            return
        self.estimate.setText(self.tr("Asking Pixop what it costs…"))
        self.tasks.run("estimate", estimates.estimate_video, self._client_of(), self.video.id, preset.request.to_json(),
                       on_done=self._estimated,
                       on_error=self._not_estimated)

    def _not_estimated(self, title: str, message: str) -> None:
        if not self._refusal_detail:  # an answer for a goal chosen before is not this goal's
            self.estimate.setText(f"{title}: {message}")

    def _refused(self, preset) -> bool:
        """Say before ordering that the API key alone cannot order this goal; True if so."""
        refusal = key_only_refusal(self._client_of(), preset.request.to_json())
        self.process_button.setEnabled(refusal is None)
        self.refusal.setVisible(refusal is not None)
        self._refusal_detail = refusal or ""
        if refusal is None:
            return False
        self.estimate.setText(self.tr("Not asked: this goal can't be ordered with your API key alone."))
        self.refusal.setText(html.escape(self.tr(
            "With an API key alone, Pixop can't order “{goal}”. To order it, sign in with your Pixop "
            "email and password in Settings → Account; or choose another goal.").format(
                goal=core_text(PRESETS, preset.name))) + ' <a href="#why">' + html.escape(self.tr("Why?")) + "</a>")
        return True

    def _show_refusal_detail(self, _link: str) -> None:
        """The technical reason, one click away (the API's own sentence)."""
        self.refusal.setText(self.refusal.text().rsplit(" <a ", 1)[0] + "<br>" + html.escape(self._refusal_detail))

    def _estimated(self, found) -> None:
        if self._refusal_detail:
            return
        if isinstance(found, estimates.Estimate) and found.cost_usd is not None:
            text = estimate_text(found)
            self.estimate.setText(text[:1].upper() + text[1:])
        else:
            self.estimate.setText(reason_text(found))

    def done(self, result: int) -> None:
        self.tasks.shutdown()
        super().done(result)
