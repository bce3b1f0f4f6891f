"""The queue view: filter buttons, a toolbar, the table, a context menu and shortcuts.

One QTimer (5 Hz) drives the model's ``tick``; nothing else refreshes rows.
The table uses fixed row heights and no content-sized columns, so 10,000 rows
cost no more per tick than the rows that changed.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QButtonGroup, QHBoxLayout, QHeaderView, QLabel,
                               QMenu, QPushButton, QStyle, QStyledItemDelegate, QStyleOptionProgressBar,
                               QStyleOptionViewItem, QTableView, QToolBar, QVBoxLayout, QWidget)

from pixop_desktop.jobs.model import Job, State
from pixop_desktop.services.batch import batch_progress
from pixop_desktop.services.words import pixop_is_processing
from pixop_desktop.ui.queue.columns import QueueColumns
from pixop_desktop.ui.queue.job_edit import ProcessingEditor
from pixop_desktop.ui.queue.actions import QueueActions, word_retry
from pixop_desktop.ui.queue.model import JOB_ID_ROLE, NAME, PERCENT_ROLE, PROGRESS, STATE_ROLE, QueueModel
from pixop_desktop.ui.queue.action_table import ACTIONS, MENU_GROUPS, TOOLBAR
from pixop_desktop.ui.queue.questions import cannot_pause_box, question_box
from pixop_desktop.ui.queue.text import QueueFilter, batch_text, filter_label

TICK_MS = 200
BATCH_EVERY = 5  # ticks: the batch line reads every job, once a second is enough
ROW_HEIGHT = 26

class ProgressDelegate(QStyledItemDelegate):
    """Draws the progress column as a progress bar (busy when the percentage is unknown)."""

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        percent = index.data(PERCENT_ROLE)
        if percent is None:
            return super().paint(painter, option, index)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        running = index.data(STATE_ROLE) == State.RUNNING.value
        if percent < 0 and not running:
            return  # waiting, paused, failed…: no bar (the Stage column says why)
        bar = QStyleOptionProgressBar()
        bar.rect = QRect(option.rect.adjusted(3, 4, -3, -4))
        bar.minimum, bar.maximum = 0, 100 if percent >= 0 else 0  # 0..0: "busy", the amount is unknown
        bar.progress = max(0, percent)
        bar.text = index.data() or ""
        bar.textVisible = percent >= 0
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        # The delegate's parent is the table: no need for option.widget.
        table = self.parent()
        style = table.style() if table is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, table)


class NameDelegate(QStyledItemDelegate):
    """File names are cut in the middle, so the end ("…_pixop.mp4") stays readable (the tooltip has all)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


class QueueView(QWidget):
    """The queue: what is being sent, processed and fetched, and the controls for it."""

    details_requested = Signal(int)        # a job id
    current_job_changed = Signal(object)   # a job id or None
    free_clip_requested = Signal(object)   # a Job (an import whose free clip is wanted)

    def __init__(self, model: QueueModel, actions: QueueActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model, self.actions = model, actions
        self.setObjectName("queueView")
        self.table = self._make_table()
        self.filter_buttons = self._make_filter()
        self.action = self._make_actions()
        # (QAction, applies(selected jobs) -> bool) added by other parts of the window (Preview 10 Seconds)
        self.extra_actions: list = []
        self.toolbar = self._make_toolbar()
        self.editor = ProcessingEditor(actions.store, self)
        self.editor.saved.connect(self._processing_saved)
        self.batch_label = QLabel()  # "3 of 12 done · 1.2 GB left · about 14 min"
        self.batch_label.setAccessibleName(self.tr("Progress of the current videos"))
        self._ticks = 0
        self.empty_label = QLabel(self.tr("Nothing here yet. Drop videos above, or use Add files…"))
        self.empty_label.setAccessibleName(self.tr("Queue is empty"))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show:")))
        for button in self.filter_buttons.buttons():
            top.addWidget(button)
        top.addStretch(1)
        top.addWidget(self.batch_label)
        layout.addLayout(top)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.model.rowsInserted.connect(self._update_empty)
        self.model.rowsRemoved.connect(self._update_empty)
        self.model.modelReset.connect(self._update_empty)
        self._update_empty()
        self._update_actions()

    # ----- building ------------------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("queueTable")
        table.setAccessibleName(self.tr("Queue"))
        table.setAccessibleDescription(self.tr("Videos being sent to Pixop, processed and fetched back"))
        table.setModel(self.model)
        table.setItemDelegateForColumn(PROGRESS, ProgressDelegate(table))
        table.setItemDelegateForColumn(NAME, NameDelegate(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)  # Tab leaves the table: the window stays keyboard-navigable
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self.columns = QueueColumns(table)  # first widths, fit to the room, show/hide (ui/queue/columns.py)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._show_context_menu)
        # Shift+F10 opens the same menu: many laptops have no Menu key.
        menu_key = QShortcut(QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F10), table)
        menu_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        menu_key.activated.connect(self._show_context_menu_at_current_row)
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        table.doubleClicked.connect(self._on_double_clicked)
        return table

    def _make_filter(self) -> QButtonGroup:
        group = QButtonGroup(self)
        group.setExclusive(True)
        for which in QueueFilter:
            button = QPushButton(filter_label(which))
            button.setCheckable(True)
            button.setAccessibleName(self.tr("Show: {filter}").format(filter=filter_label(which)))
            button.setProperty("queueFilter", which.value)
            button.setChecked(which is self.model.filter)
            group.addButton(button)
        group.buttonClicked.connect(self._on_filter_clicked)
        return group

    def _make_actions(self) -> dict[str, QAction]:
        actions = {}
        for name, label, shortcut, tip in ACTIONS:
            action = QAction(self.tr(label), self)
            action.setObjectName(f"queue_{name}")
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setStatusTip(self.tr(tip))
            keys = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{self.tr(tip)} ({keys})")
            action.triggered.connect(getattr(self, f"_do_{name}"))
            self.addAction(action)  # shortcuts work while the table (or any child) has focus
            actions[name] = action
        return actions

    def _make_toolbar(self) -> QToolBar:
        toolbar = QToolBar(self.tr("Queue actions"))
        toolbar.setAccessibleName(self.tr("Queue actions"))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in TOOLBAR:
            toolbar.addAction(self.action[name])
        for button in toolbar.findChildren(QWidget):
            if button.metaObject().className() == "QToolButton" and not button.accessibleName():
                button.setAccessibleName(button.text().replace("&", "") or self.tr("More actions"))
        return toolbar

    def build_context_menu(self) -> QMenu:
        """The menu for the selected jobs (the same actions as the toolbar)."""
        menu = QMenu(self)
        menu.setAccessibleName(self.tr("Queue actions"))
        for index, group in enumerate(MENU_GROUPS):
            if index:
                menu.addSeparator()
            for name in group:
                menu.addAction(self.action[name])
        if self.extra_actions:
            menu.addSeparator()
            menu.addActions([action for action, _applies in self.extra_actions])
        return menu

    # ----- selection and state ------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.index(row, 0).data(JOB_ID_ROLE) for row in rows]

    def selected_jobs(self) -> list[Job]:
        return [job for job in map(self.model.job, self.selected_ids()) if job is not None]

    def select_jobs(self, job_ids) -> None:
        """Select these jobs' rows (those the filter shows) and make the first current."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = None
        for job_id in job_ids:
            row = self.model.row_of(job_id)
            if row is not None:
                flags = (selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
                selection.select(self.model.index(row, 0), flags)
                first = row if first is None else first
        if first is not None:
            selection.setCurrentIndex(self.model.index(first, 0), selection.SelectionFlag.NoUpdate)
            self.table.scrollTo(self.model.index(first, 0))

    def set_filter(self, which: QueueFilter) -> None:
        which = QueueFilter(which)
        self.model.set_filter(which)
        for button in self.filter_buttons.buttons():
            button.setChecked(button.property("queueFilter") == which.value)
        self._update_empty()
        self._update_actions()

    @Slot()
    def tick(self) -> None:
        self.model.tick()
        self._update_actions()
        self._ticks += 1
        if self._ticks % BATCH_EVERY == 1:
            self.update_batch_line()

    def update_batch_line(self) -> None:
        self.batch_label.setText(batch_text(batch_progress(self.model.all_jobs())))

    def _update_actions(self) -> None:
        jobs = self.selected_jobs()
        for name, action in self.action.items():
            if name == "details":
                action.setEnabled(len(jobs) >= 1)
            elif name == "change_processing":  # one job at a time: the wizard shows one request
                action.setEnabled(len(jobs) == 1 and bool(self.actions.applicable(name, jobs)))
            else:
                action.setEnabled(bool(self.actions.applicable(name, jobs)))
        word_retry(self.action["retry"], jobs, self.tr)
        for action, applies in self.extra_actions:
            action.setEnabled(applies(jobs))

    @Slot()
    def _update_empty(self) -> None:
        self.empty_label.setVisible(self.model.rowCount() == 0 and not self.model.all_jobs())

    # ----- slots ------------------------------------------------------------------------------

    @Slot()
    def _on_selection_changed(self) -> None:
        self._update_actions()

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_job_changed.emit(current.data(JOB_ID_ROLE) if current.isValid() else None)

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        self.details_requested.emit(index.data(JOB_ID_ROLE))

    @Slot(QPoint)
    def _show_context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self.select_jobs([index.data(JOB_ID_ROLE)])
        self._update_actions()
        menu = self.build_context_menu()
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    @Slot()
    def _show_context_menu_at_current_row(self) -> None:
        """The keyboard's way in: the menu opens over the current row (top left if none)."""
        rect = self.table.visualRect(self.table.currentIndex())
        self._show_context_menu(rect.center() if rect.isValid() else QPoint(0, 0))

    def _on_filter_clicked(self, button) -> None:
        self.set_filter(QueueFilter(button.property("queueFilter")))

    def _after(self) -> None:
        self._update_actions()

    @Slot()
    def _do_pause(self) -> None:
        """Pause what can be paused; for videos Pixop is processing, say why not and offer Cancel."""
        jobs = self.actions.applicable("pause", self.selected_jobs())
        in_cloud = [job.id for job in jobs if pixop_is_processing(job)]
        self.actions.pause([job.id for job in jobs if job.id not in in_cloud])
        if in_cloud:
            self.pause_question = cannot_pause_box(self, len(in_cloud))
            self.pause_question.exec()
            if self.pause_question.clickedButton() is self.pause_question.yes_button:
                self.actions.cancel(in_cloud)
        self._after()

    @Slot()
    def _do_resume(self) -> None:
        self.actions.resume(self.selected_ids())
        self._after()

    @Slot()
    def _do_retry(self) -> None:
        self.actions.retry(self.selected_ids())
        self._after()

    @Slot()
    def _do_approve(self) -> None:
        self.actions.approve(self.selected_ids())
        self._after()

    @Slot()
    def _do_reject(self) -> None:
        self.actions.reject(self.selected_ids())
        self._after()

    @Slot()
    def _do_cancel(self) -> None:
        jobs = self.actions.applicable("cancel", self.selected_jobs())
        if jobs and self.confirm(self.tr("Cancel for good?"), self.tr(
                "%n video(s) will stop and cannot be continued later. Your files stay where they are.", "",
                len(jobs)), self.tr("&Cancel video") if len(jobs) == 1
                else self.tr("&Cancel %n video(s)", "", len(jobs)), self.tr("&Keep going")):
            self.actions.cancel([job.id for job in jobs])
        self._after()

    def confirm(self, title: str, question: str, yes: str, no: str) -> bool:
        """Ask before something that cannot be undone; the buttons say what they do (tests replace this)."""
        box = question_box(self, title, question, yes, no)
        box.exec()
        return box.clickedButton() is box.yes_button

    @Slot()
    def _do_remove(self) -> None:
        self.actions.remove(self.selected_ids())
        self._after()

    @Slot()
    def _do_move_up(self) -> None:
        ids = self.selected_ids()
        self.actions.move(ids, up=True)
        self.select_jobs(ids)

    @Slot()
    def _do_move_down(self) -> None:
        ids = self.selected_ids()
        self.actions.move(ids, up=False)
        self.select_jobs(ids)

    @Slot()
    def _do_play(self) -> None:
        self.actions.play(self.selected_ids())

    @Slot()
    def _do_show_in_folder(self) -> None:
        self.actions.show_in_folder(self.selected_ids())

    @Slot()
    def _do_open_folder(self) -> None:
        self.actions.open_output_folder(self.selected_ids())

    @Slot()
    def _do_change_processing(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.editor.edit(ids[0])

    @Slot(object)
    def _processing_saved(self, job: Job) -> None:
        self.model.apply_jobs([job])
        self.current_job_changed.emit(job.id)  # the details panel shows the new request
        self._after()

    @Slot()
    def _do_download_free_clip(self) -> None:
        for job in self.actions.applicable("download_free_clip", self.selected_jobs()):
            self.free_clip_requested.emit(job)

    @Slot()
    def _do_details(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.details_requested.emit(ids[0])
