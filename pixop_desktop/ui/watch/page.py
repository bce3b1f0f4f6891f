"""The Watched folders page: the rules, how each is doing, and a dry run.

A standalone widget the main window puts where it likes. It edits the saved
rules (``watch/rules.py``) and emits ``rulesChanged(list)`` after every
change, already saved, so whoever runs the ``WatchService`` can call
``set_rules``. Counts and last activity come from the ledger, refreshed by
one timer; the dry run probes files on a pool thread, never in the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QThreadPool, QTimer, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
                               QTableWidget, QTableWidgetItem, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from pixop_desktop.jobs.store import JobStore
from pixop_desktop.watch.baseline import AlreadyThere, already_there, record_existing
from pixop_desktop.watch.dryrun import DryRunItem, Verdict, dry_run
from pixop_desktop.watch.ledger import Ledger, RuleCounts, folder_key
from pixop_desktop.watch.rules import RulesUnreadable, WatchRule, load_rules, replace_rule, save_rules

from .activity import LIMIT as ACTIVITY_LIMIT, ActivityList
from .rule_dialog import RuleDialog
from pixop_desktop.ui.tasks import BackgroundTasks
from pixop_desktop.ui.watch.when import ago

REFRESH_MS = 2000
# Translated where the header is made; QT_TRANSLATE_NOOP lets lupdate see the words.
COLUMNS = (QT_TRANSLATE_NOOP("WatchPage", "Folder"), QT_TRANSLATE_NOOP("WatchPage", "Status"),
           QT_TRANSLATE_NOOP("WatchPage", "Last activity"), QT_TRANSLATE_NOOP("WatchPage", "In queue"),
           QT_TRANSLATE_NOOP("WatchPage", "Done"), QT_TRANSLATE_NOOP("WatchPage", "Failed"),
           QT_TRANSLATE_NOOP("WatchPage", "Duplicates"), QT_TRANSLATE_NOOP("WatchPage", "Skipped"))

class WatchPage(QWidget):
    """Add, edit, pause and remove watched folders; see counts; dry-run one."""

    rulesChanged = Signal(object)  # list[WatchRule], saved

    def __init__(self, store: JobStore, parent: QWidget | None = None, *, rules_path: Path | None = None,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Watched folders"))
        self._ledger = Ledger(store)
        self._rules_path = rules_path
        self._rules, self._unreadable = _load(rules_path)
        self.tasks = BackgroundTasks(self, pool=pool or QThreadPool.globalInstance())
        self.dry_run_items: list[DryRunItem] | None = None
        self._adding: tuple[WatchRule, AlreadyThere | None] | None = None  # a new rule, not saved yet
        self.existing_box: QMessageBox | None = None
        self._folder_keys: dict[str, str] = {}
        self._projects: list[tuple[str, str]] = []  # set by the main window once connected
        self._build()
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.refresh()

    # The counts refresh only while the page is on screen.
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()
        self._timer.start()

    def hideEvent(self, event) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def shutdown(self, msecs: int = 10_000) -> None:
        """Before the store closes: no more refreshes; a dry run in progress finishes."""
        self._timer.stop()
        self.tasks.wait(msecs)

    # ----- building -----------------------------------------------------------------

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def _build(self) -> None:
        heading = QLabel(self.tr("<b>Watched folders</b> — videos that land in these folders are sent to Pixop, "
                            "and the results come back on their own."))
        heading.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setAccessibleName(self.tr("Watched folder rules"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemActivated.connect(self._activated)
        self.add_button = self._button(self.tr("&Add…"), self.tr("Add a watched folder"), self.add_rule)
        self.edit_button = self._button(self.tr("&Edit…"), self.tr("Edit the selected watched folder"), self.edit_rule)
        self.pause_button = self._button(self.tr("&Pause"), self.tr("Pause or resume the selected watched folder"),
                                         self.toggle_pause)
        self.remove_button = self._button(self.tr("Re&move"), self.tr("Remove the selected watched folder"), self.remove_rule)
        self.dry_run_button = self._button(self.tr("&Dry run"), self.tr("List the files that would be sent now"),
                                           self.start_dry_run)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.pause_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.dry_run_button)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.remove_rule)
        self.dry_run_label = QLabel(self.tr("Dry run: choose a folder and press Dry run to see what would be sent now."))
        self.dry_run_label.setWordWrap(True)
        self.dry_run_list = QTreeWidget()
        self.dry_run_list.setHeaderLabels([self.tr("File"), self.tr("What would happen")])
        self.dry_run_list.setAccessibleName(self.tr("Dry run result"))
        self.dry_run_list.setRootIsDecorated(False)
        self.dry_run_list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.activity_label = QLabel(self.tr("Recent activit&y of the selected folder:"))
        self.activity = ActivityList()
        self.activity_label.setBuddy(self.activity)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.activity_label)
        layout.addWidget(self.activity, 2)
        layout.addWidget(self.dry_run_label)
        layout.addWidget(self.dry_run_list, 1)

    # ----- showing -----------------------------------------------------------------------

    def set_projects(self, projects) -> None:
        """Projects from the server (objects with ``id`` and ``name``), for the rule dialog's list."""
        self._projects = [(p.id, p.name or p.id) for p in projects]

    def projects(self) -> list[tuple[str, str]]:
        """(id, name) of the projects the main window last set (none offline: only "Default project")."""
        return list(self._projects)

    def rules(self) -> list[WatchRule]:
        return list(self._rules)

    def selected_rule(self) -> WatchRule | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rules[rows[0].row()] if rows and rows[0].row() < len(self._rules) else None

    @Slot()
    def refresh(self) -> None:
        """Rules, status, counts and last activity (the ledger is a quick local read)."""
        selected = self.selected_rule()
        self.table.setRowCount(len(self._rules))
        for row, rule in enumerate(self._rules):
            self._fill_row(row, rule, self._ledger.counts(rule.id))
        if selected is not None:
            ids = [rule.id for rule in self._rules]
            if selected.id in ids:
                self.table.selectRow(ids.index(selected.id))
        self._selection_changed()

    @Slot()
    def _selection_changed(self) -> None:
        self._update_buttons()
        self._show_activity()

    def _show_activity(self) -> None:
        """The selected rule's latest ledger entries (its folder's, whichever rule wrote them)."""
        rule = self.selected_rule()
        if rule is None:
            self.activity.show_entries([])
            return
        if rule.folder not in self._folder_keys:  # resolved once: a slow share must not stall each refresh
            self._folder_keys[rule.folder] = folder_key(rule.folder)
        entries = self._ledger.recent(rule.id, self._folder_keys[rule.folder], ACTIVITY_LIMIT)
        self.activity.show_entries(entries)

    def _fill_row(self, row: int, rule: WatchRule, counts: RuleCounts) -> None:
        last = ago(counts.last_activity)
        if counts.last_path:
            last = f"{last}: {self._state_words(counts)} {counts.last_path}"
        status = self.tr("Paused") if rule.paused else self.tr("Watching")
        cells = (rule.display_name, status, last, counts.submitted, counts.done, counts.failed,
                 counts.duplicates, counts.skipped)
        for column, value in enumerate(cells):
            item = QTableWidgetItem(str(value))
            if column == 0:
                item.setToolTip(rule.folder)
            if column >= 3:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)

    def _state_words(self, counts: RuleCounts) -> str:
        return self._entry_words(counts.last_state.value if counts.last_state else "")

    def _entry_words(self, state: str) -> str:
        """A ledger state (``Entry`` value) in words; "" for none."""
        words = {"submitted": self.tr("sent"), "done": self.tr("done"), "failed": self.tr("failed"),
                 "duplicate": self.tr("duplicate"), "skipped": self.tr("skipped"),
                 "cancelled": self.tr("cancelled"), "superseded": self.tr("changed, sent again"),
                 "existing": self.tr("already there, left alone"), "found": self.tr("already on Pixop")}
        return words.get(state, state)

    @Slot()
    def _update_buttons(self) -> None:
        rule = self.selected_rule()
        self.add_button.setEnabled(self._adding is None)
        for button in (self.edit_button, self.pause_button, self.remove_button, self.dry_run_button):
            button.setEnabled(rule is not None)
        self.pause_button.setText(self.tr("Res&ume") if rule is not None and rule.paused else self.tr("&Pause"))

    # ----- changing ------------------------------------------------------------------------

    def _commit(self, rules: list[WatchRule], select_id: str | None = None) -> None:
        if self._unreadable is not None:  # saving now would overwrite rules we could not read
            self._unreadable, self._rules = _load(self._rules_path)
            if self._unreadable is not None:
                QMessageBox.warning(self, self._unreadable.title, self._unreadable.message)
                return
        save_rules(rules, self._rules_path)
        self._rules = rules
        self.refresh()
        if select_id is not None:
            self.table.selectRow([r.id for r in rules].index(select_id))
        self.rulesChanged.emit(self.rules())

    @Slot()
    def add_rule(self) -> None:
        self._open_dialog(None)

    @Slot()
    def edit_rule(self) -> None:
        if (rule := self.selected_rule()) is not None:
            self._open_dialog(rule)

    @Slot(QTableWidgetItem)
    def _activated(self, item: QTableWidgetItem) -> None:
        self.edit_rule()

    def _open_dialog(self, rule: WatchRule | None) -> RuleDialog:
        dialog = RuleDialog(self, rule, projects=self.projects())
        dialog.accepted.connect(self._dialog_accepted)
        dialog.open()
        self.dialog = dialog
        return dialog

    @Slot()
    def _dialog_accepted(self) -> None:
        rule = self.dialog.result_rule
        if rule is None:
            return
        if any(r.id == rule.id for r in self._rules):  # an edit: its folder's files were decided already
            self._commit(replace_rule(self._rules, rule), rule.id)
        else:
            self._look_before_adding(rule)

    # ----- a new rule: what is already in its folder ------------------------------------------
    # Sending everything already there costs money, so a new rule is saved (and starts watching) only
    # after the person said whether those videos go too.

    def _look_before_adding(self, rule: WatchRule) -> None:
        self._adding = (rule, None)
        self._update_buttons()
        self.dry_run_label.setText(self.tr("Looking at what is already in %s…") % rule.display_name)
        self.tasks.run(("already-there", rule.id), already_there, rule, self._ledger,
                       on_done=self._already_there_found, on_error=self._already_there_failed,
                       on_finished=self._update_buttons)

    def _already_there_found(self, found: AlreadyThere) -> None:
        rule, _ = self._adding
        if found.videos == 0:
            self._finish_adding(rule)
            return
        self._adding = (rule, found)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Videos already in the folder"),
                          self.tr("%n video(s) are already in this folder.", "", found.videos), parent=self)
        box.setInformativeText(self.tr("Send them to Pixop too, or only the videos that arrive from now on?"))
        self.send_too_button = box.addButton(self.tr("Send them too"), QMessageBox.ButtonRole.AcceptRole)
        self.only_new_button = box.addButton(self.tr("Only new ones"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(self.only_new_button)
        box.setEscapeButton(cancel)
        box.finished.connect(self._already_there_answered)
        box.open()
        self.existing_box = box

    def _already_there_failed(self, title: str, message: str) -> None:
        # The folder cannot be read now: neither can the watcher, which takes the files once it can.
        rule, _ = self._adding
        self._finish_adding(rule)

    @Slot(int)
    def _already_there_answered(self, answer: int) -> None:
        rule, found = self._adding
        clicked = self.existing_box.clickedButton()
        if clicked is self.send_too_button:
            self._finish_adding(rule)
        elif clicked is self.only_new_button:
            self.dry_run_label.setText(self.tr("Leaving the videos already in %s alone…") % rule.display_name)
            self.tasks.run(("only-new", rule.id), record_existing, rule, self._ledger, found.rel_paths,
                           on_done=self._existing_recorded, on_error=self._existing_not_recorded,
                           on_finished=self._update_buttons)
        else:  # Cancel, Esc or the window closed: the rule is not saved
            self._adding = None
            self.dry_run_label.setText(self.tr("The watched folder was not added."))
            self._update_buttons()

    def _existing_recorded(self, count: int) -> None:
        rule, _ = self._adding
        self._finish_adding(rule)

    def _existing_not_recorded(self, title: str, message: str) -> None:
        self._adding = None
        self.dry_run_label.setText(self.tr("The watched folder was not added: %s") % f"{title}: {message}")
        self._update_buttons()

    def _finish_adding(self, rule: WatchRule) -> None:
        self._adding = None
        self.dry_run_label.setText(self.tr("Dry run: choose a folder and press Dry run to see what would be "
                                           "sent now."))
        self._commit(replace_rule(self._rules, rule), rule.id)

    @Slot()
    def toggle_pause(self) -> None:
        if (rule := self.selected_rule()) is not None:
            changed = rule.model_copy(update={"paused": not rule.paused})
            self._commit(replace_rule(self._rules, changed), rule.id)

    @Slot()
    def remove_rule(self) -> None:
        rule = self.selected_rule()
        if rule is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove watched folder"),
                          self.tr("Stop watching “%s”? Files already sent keep going; nothing in the folder "
                                  "is deleted.") % rule.display_name,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setProperty("rule_id", rule.id)
        box.finished.connect(self._remove_answered)
        box.open()
        self.confirm_box = box

    @Slot(int)
    def _remove_answered(self, answer: int) -> None:
        rule_id = self.confirm_box.property("rule_id")
        if answer == QMessageBox.StandardButton.Yes:
            self._commit([r for r in self._rules if r.id != rule_id])

    # ----- dry run -------------------------------------------------------------------------

    @Slot()
    def start_dry_run(self) -> None:
        rule = self.selected_rule()
        if rule is None:
            return
        self.dry_run_items = None
        self.dry_run_button.setEnabled(False)
        self.dry_run_list.clear()
        self.dry_run_label.setText(self.tr("Dry run of %s: looking…") % rule.display_name)
        self.tasks.run(("dry-run", rule.id), dry_run, rule, self._ledger,
                       on_done=self._dry_run_done, on_error=self._dry_run_failed,
                       on_finished=self._update_buttons)

    def _dry_run_done(self, items: list[DryRunItem]) -> None:
        self.dry_run_items = items
        words = {Verdict.SUBMIT: self.tr("Would be sent now"),
                 Verdict.CHANGING: self.tr("Still changing: waits until it settles"),
                 Verdict.KNOWN: self.tr("Already handled (%s)"),
                 Verdict.DUPLICATE: self.tr("Same content as %s: not sent again"),
                 Verdict.NOT_A_VIDEO: self.tr("Not a video: left where it is")}
        for item in items:
            text = words[item.verdict]
            if "%s" in text:
                detail = self._entry_words(item.detail) if item.verdict is Verdict.KNOWN else item.detail
                text = text % detail
            self.dry_run_list.addTopLevelItem(QTreeWidgetItem([item.rel_path, text]))
        sending = sum(item.verdict is Verdict.SUBMIT for item in items)
        # The plural follows the total: "0 of 4 files would …", "1 of 1 file would …".
        self.dry_run_label.setText(self.tr("Dry run: {sending} of %n file(s) would be sent now. Nothing was sent.",
                                           "", len(items)).format(sending=sending))

    def _dry_run_failed(self, title: str, message: str) -> None:
        self.dry_run_items = []
        self.dry_run_label.setText(f"{title}: {message}")

def _load(path) -> tuple[list[WatchRule], RulesUnreadable | None]:
    try:
        return load_rules(path), None
    except RulesUnreadable as exc:
        return [], exc
