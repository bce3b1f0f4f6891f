"""The details panel: everything about one job, worded for people.

What the queue knows (source, processing parameters, states with
timestamps, the error and what to do) is shown at once. What Pixop knows (the
video's metadata, quality assessment, derived clips) is fetched on the
window's thread pool; a late answer for a job no longer shown is dropped.
Everything from the server is HTML-escaped before it is shown.
"""

from __future__ import annotations

import functools
import html
import itertools
import os
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from pixop_desktop.api.clips import free_clips
from pixop_desktop.errors import UserFacingError
from pixop_desktop.processing import ProcessingRequest, ProcessingRequestError, container_label
from pixop_desktop.processing.labels import field_label
from pixop_desktop.jobs.model import Job, State
from pixop_desktop.jobs.fingerprint import token_in
from pixop_desktop.jobs.pipeline import is_ours
from pixop_desktop.jobs.reorder import orders_again
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.ui.queue import text
from pixop_desktop.ui.queue.result_buttons import ResultButtons
from pixop_desktop.ui.request_text import request_lines
from pixop_desktop.ui.translations import PRESETS, PROCESSING, core_text
from pixop_desktop.ui.tasks import BackgroundTasks
from pixop_desktop.ui.colors import colour


MAX_DERIVED = 20
CLIP_LABEL_PX = 260  # the widest a derived clip's Download button's words get


@dataclass
class ServerFacts:
    """What Pixop says about a job's video (fetched off the GUI thread)."""

    video: Any = None
    derived: list[Any] = field(default_factory=list)
    derived_problem: str | None = None


def fetch_server_facts(client, video_id: str) -> ServerFacts:
    """Blocking: the video and its derived clips. Runs on a pool thread."""
    facts = ServerFacts(video=client.videos.get(video_id))
    try:
        # Pixop lists processed versions among the derived videos too: those are results (the job's
        # own is on disk already), not clips to download, so only the clips are shown here.
        facts.derived = free_clips(itertools.islice(client.imports.iter_derived(video_id), MAX_DERIVED))
    except Exception as exc:  # e.g. no API key for the current API: the rest is still worth showing
        facts.derived_problem = (isinstance(exc, UserFacingError) and exc.message) or str(exc)
    return facts


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _table(rows: list[tuple[str, Any]]) -> str:
    cells = "".join(f"<tr><td><b>{_e(k)}</b>&nbsp;&nbsp;</td><td>{_e(v)}</td></tr>" for k, v in rows
                    if v not in (None, ""))
    return f"<table cellspacing='2'>{cells}</table>" if cells else ""


def local_date_time(value: datetime | None) -> str:
    """A server time as the person's local date and time, in the same format as the History."""
    return text.when_text(value)


def shown_video_name(name: str | None, job: Job) -> str | None:
    """The video's name on Pixop without the " [tag]" the app adds to find its own video again
    (only exactly this job's tag is taken off; any other name is shown as it is)."""
    if not name or not is_ours(name, job):
        return name
    base = name[:name.rindex("[")].rstrip()
    if (token := token_in(base)) is not None and base.endswith(token):  # the content's fingerprint
        base = base[:-len(token)].rstrip()
    return base or name


def processing_rows(body: dict) -> list[tuple[str, Any]]:
    """The job's settings in plain words ("Scaler: Pixop Super Resolution"); a request this app
    version cannot read (e.g. from a newer one) is shown field by field as stored."""
    try:
        return request_lines(ProcessingRequest.from_json(body))
    except ProcessingRequestError:
        return [(_label(path), value) for path, value in _flatten(body)]


def _flatten(data: dict, prefix: str = "") -> list[tuple[str, Any]]:
    rows = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            rows += _flatten(value, path + ".")
        else:
            rows.append((path, value))
    return rows


def _label(path: str) -> str:
    try:
        return core_text(PROCESSING, field_label(path))
    except (KeyError, ValueError):
        return path


class DetailsPanel(QWidget):
    """Shows one job. The window calls ``show_job``; ``set_client`` once connected.

    ``derived_seen(job_id, count)`` tells the window what derived clips Pixop listed for the job;
    ``clip_download_requested(job, clip_id)`` is a press of a clip's Download button.
    """

    derived_seen = Signal(int, int)
    clip_download_requested = Signal(object, str)

    def __init__(self, store: JobStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPanel")
        self.store = store
        self.client = None
        self.tasks = BackgroundTasks(self, max_threads=1)
        self.job: Job | None = None
        self.facts: ServerFacts | None = None
        self.facts_problem: str | None = None
        self.title = QLabel(self.tr("Details"))
        self.title.setObjectName("detailsTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("Video details"))
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.result_buttons = ResultButtons()  # Play, Show in folder: once the result is on disk
        layout.addWidget(self.title)
        layout.addWidget(self.result_buttons)
        layout.addWidget(self.browser, 1)
        self.clip_buttons: list[QPushButton] = []
        self.clips_row = QHBoxLayout()
        layout.addLayout(self.clips_row)
        self.show_job(None)

    def set_client(self, client) -> None:
        self.client = client

    # ----- showing --------------------------------------------------------------------------

    def show_job(self, job: Job | None, *, refetch: bool = True) -> None:
        same = job is not None and self.job is not None and job.id == self.job.id
        self.job = job
        self.result_buttons.show_for(job)
        if not same:
            self.facts, self.facts_problem = None, None
        if job is None:
            self.title.setText(self.tr("Details"))
            self.browser.setHtml(f"<p>{_e(self.tr('Select a video in the queue to see everything about it.'))}</p>")
            self._show_clip_buttons()
            return
        self.title.setText(text.job_name(job))
        if refetch and job.video_id and self.client is not None and (not same or self.facts is None):
            self._fetch(job.id, job.video_id)
        self._render()

    def _fetch(self, job_id: int, video_id: str) -> None:
        self.tasks.run("facts", fetch_server_facts, self.client, video_id,
                       on_done=functools.partial(self._on_facts, job_id), on_error=self._on_failed)

    def _on_facts(self, job_id: int, facts: ServerFacts) -> None:
        self.facts, self.facts_problem = facts, None
        self._render()
        self.derived_seen.emit(job_id, len(facts.derived))

    def _on_failed(self, title: str, message: str) -> None:
        self.facts_problem = f"{title}: {message}"
        self._render()

    def shutdown(self) -> None:
        self.tasks.shutdown()

    # ----- the page ------------------------------------------------------------------------------

    def _render(self) -> None:
        job = self.job
        parts = [self._section(self.tr("Status"), self._status_rows(job))]
        if job.error and job.state in (State.FAILED, State.QUEUED, State.CANCELLED):
            parts.append(self._error_html(job))
        parts.append(self._server_html(job))
        parts.append(self._section(self.tr("Processing"), self._processing_rows(job)))
        parts.append(self._section(self.tr("History"), self._history_rows(job)))
        self.browser.setHtml("".join(parts))
        self._show_clip_buttons()

    def _show_clip_buttons(self) -> None:
        """One Download button per derived clip (e.g. the free 10-second clip of an import)."""
        for button in self.clip_buttons:
            self.clips_row.removeWidget(button)
            button.deleteLater()
        self.clip_buttons = []
        clips = self.facts.derived if self.facts is not None and self.job is not None else []
        for clip in clips:
            name = clip.name or clip.id
            label = self.tr("Download “{name}”").format(name=name)
            # Derived clips have long names: cut in the middle, or the panel (and window) grows past 1024 px.
            button = QPushButton(self.fontMetrics().elidedText(label, Qt.TextElideMode.ElideMiddle, CLIP_LABEL_PX))
            button.setToolTip(label)
            button.setAccessibleName(self.tr("Download the derived clip {name}").format(name=name))
            button.setProperty("clipId", clip.id)
            button.clicked.connect(self._clip_button_clicked)
            self.clips_row.addWidget(button)
            self.clip_buttons.append(button)

    @Slot()
    def _clip_button_clicked(self) -> None:
        button = self.sender()
        if self.job is not None and button is not None:
            self.clip_download_requested.emit(self.job, button.property("clipId"))

    def _section(self, heading: str, body: str | list) -> str:
        if isinstance(body, list):
            body = _table(body)
        return f"<h3>{_e(heading)}</h3>{body or '<p>—</p>'}"

    def _status_rows(self, job: Job) -> list:
        source = job.source.path or job.source.url or f"s3: {job.source.object_key}"
        return [(self.tr("Now"), text.stage_text(job)), (self.tr("Source"), source),
                (self.tr("Size"), text.size_text(text.job_size(job))),
                (self.tr("Ingestion"), self.tr("Light") if job.ingestion.value == "light" else self.tr("Full")),
                self._result_row(job),
                (self.tr("Pixop video id"), job.video_id),
                (self.tr("Processed video id"), job.processed_video_id)]

    def _result_row(self, job: Job) -> tuple[str, str]:
        """The downloaded file once it is really there; before that only where it will go
        (while downloading only the ``.part`` file exists)."""
        if not job.output_path:
            return self.tr("Result"), text.result_text(job)
        if job.state is not State.DONE:
            return self.tr("Will be saved as"), job.output_path
        if not os.path.isfile(job.output_path):
            return self.tr("Result"), self.tr("{path} (no longer there)").format(path=job.output_path)
        return self.tr("Result"), job.output_path

    def _error_html(self, job: Job) -> str:
        advice = {State.FAILED: self.tr("Press Retry to try again from where it stopped, or Remove to take it "
                                        "off the list."),
                  State.QUEUED: self.tr("Nothing to do: it will be tried again by itself."),
                  State.CANCELLED: self.tr("It was stopped; add the file again to start over.")}[job.state]
        if orders_again(job):
            advice = self.tr("Press Order Again to have Pixop process it again, or Remove to take it off the list.")
        red = colour("problem")
        return (f"<h3 style='color:{red}'>{_e(job.error.title)}</h3><p>{_e(job.error.message)}</p>"
                f"<p><i>{_e(self.tr('What to do:'))}</i> {_e(advice)}</p>")

    def _processing_rows(self, job: Job) -> list | str:
        if job.processing is None:
            return f"<p>{_e(self.tr('Upload only: no processing was asked for.'))}</p>"
        rows = [(self.tr("Preset"), core_text(PRESETS, job.preset))] if job.preset else []
        rows += processing_rows(job.processing)
        rows.append((self.tr("Results go to"), job.output_folder or self.tr("Stay on Pixop")))
        return rows

    def _history_rows(self, job: Job) -> list:
        try:
            history = self.store.history(job.id)
        except Exception:  # the store closed while the window goes away
            return []
        rows: list[tuple[str, str]] = []
        for entry in history:
            phrase = text.state_text(entry.to_state, entry.stage)
            if entry.message and entry.message not in (phrase, "Waiting for Pixop"):
                phrase = f"{phrase} — {self.tr(entry.message)}"
            if not rows or rows[-1][1] != phrase:  # polls repeat the same step: show it once
                rows.append((text.when_text(entry.at), phrase))
        return rows

    def _server_html(self, job: Job) -> str:
        heading = self.tr("On Pixop")
        if not job.video_id:
            return self._section(heading, f"<p>{_e(self.tr('Not on Pixop yet.'))}</p>")
        if self.facts_problem:
            return self._section(heading, f"<p>{_e(self.facts_problem)}</p>")
        if self.facts is None:
            return self._section(heading, f"<p>{_e(self.tr('Loading…'))}</p>")
        return self._metadata_html(self.facts.video) + self._quality_html(self.facts.video) + self._derived_html()

    def _metadata_html(self, video) -> str:
        meta = video.metadata
        rows = [(self.tr("Name"), shown_video_name(video.name, self.job)),
                (self.tr("Added"), local_date_time(video.date_created))]
        if meta is not None:
            size = f"{meta.frame_width}×{meta.frame_height}" if meta.frame_width else None
            rows += [(self.tr("Picture"), size),
                     (self.tr("Frame rate"), f"{meta.average_framerate:g} fps" if meta.average_framerate else None),
                     (self.tr("Duration"), text.eta_text(meta.duration_in_millis / 1000)
                      if meta.duration_in_millis else None),
                     (self.tr("Codec"), meta.long_codec_name or meta.codec_name),
                     (self.tr("Container"), self._container(video, meta)),
                     (self.tr("Pixel format"), meta.pixel_format.name if meta.pixel_format else None),
                     (self.tr("Scanning"), self._scanning(meta)),
                     (self.tr("File size"), text.size_text(meta.size))]
        return self._section(self.tr("Video on Pixop"), rows)

    def _container(self, video, meta) -> str | None:
        """The container: "MP4" for an .mp4 (Pixop's metadata names the whole QuickTime/MPEG-4
        family "QuickTime / MOV")."""
        upload = video.upload
        file_name = (upload.file_name if upload else None) or (self.job.source.file_name if self.job else None)
        return container_label(meta.container_name, meta.long_container_name, file_name,
                               upload.file_type if upload else None)

    @staticmethod
    def _scanning(meta) -> str | None:
        scan = meta.scanning.heuristics or meta.scanning.metadata if meta.scanning else None
        if scan is None or not scan.scanning_type:
            return None
        order = f" ({scan.interlaced_field_order})" if scan.interlaced_field_order else ""
        return f"{scan.scanning_type}{order}"

    def _quality_html(self, video) -> str:
        quality = video.ingestion.quality_assessment if video.ingestion else None
        if quality is None or (not quality.metrics and quality.overall_subjective_score is None):
            note = self.tr("No quality assessment (it is made with Full ingestion).")
            return self._section(self.tr("Quality assessment"), f"<p>{_e(note)}</p>")
        rows: list[tuple[str, Any]] = []
        if quality.overall_subjective_score is not None:
            rows.append((self.tr("Overall"), f"{quality.overall_subjective_score:.1f} / 5"))
        for metric in quality.metrics:
            score = f"{metric.subjective_score:.1f} / 5" if metric.subjective_score is not None else ""
            name = (metric.name or "?").replace("_", " ")
            rows.append((name[:1].upper() + name[1:], " — ".join(filter(None, [score, metric.subjective_label]))))
        return self._section(self.tr("Quality assessment"), rows)

    def _derived_html(self) -> str:
        facts = self.facts
        if facts.derived_problem:
            body = f"<p>{_e(self.tr('Not available: {why}').format(why=facts.derived_problem))}</p>"
        elif not facts.derived:
            body = f"<p>{_e(self.tr('None.'))}</p>"
        else:
            body = _table([(clip.name or clip.id, clip.type) for clip in facts.derived])
        return self._section(self.tr("Derived clips"), body)


