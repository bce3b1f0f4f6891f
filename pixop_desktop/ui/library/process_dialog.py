"""Process a video that is on Pixop already: choose a preset, see the estimate, then order it.

The estimate (``services.estimates``; nothing is ordered by asking) is fetched in the background
for each preset chosen; "Process" stays possible without one (no API key, Pixop busy), and the
reason is said instead of a figure.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout,
                               QWidget)

from pixop_desktop.i18n import PRESETS
from pixop_desktop.presets import list_presets
from pixop_desktop.services import estimates
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
        self.estimate.setText(self.tr("Asking Pixop what it costs…"))
        self.tasks.run("estimate", estimates.estimate_video, self._client_of(), self.video.id, preset.request.to_json(),
                       on_done=self._estimated,
                       on_error=lambda title, message: self.estimate.setText(f"{title}: {message}"))

    def _estimated(self, found) -> None:
        if isinstance(found, estimates.Estimate) and found.cost_usd is not None:
            text = estimate_text(found)
            self.estimate.setText(text[:1].upper() + text[1:])
        else:
            self.estimate.setText(reason_text(found))

    def done(self, result: int) -> None:
        self.tasks.shutdown()
        super().done(result)
