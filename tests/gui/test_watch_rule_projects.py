"""The rule dialog's Project is a list of the account's projects (the stored value stays an id)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool, Qt
from PySide6.QtWidgets import QDialogButtonBox

from pixop_desktop.api.client import PixopClient
from pixop_desktop.api.models_base import Project
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.ui.watch.page import WatchPage
from pixop_desktop.watch.rules import WatchRule, load_rules, save_rules
from tests.fixtures.sandbox import client_kwargs
from tests.gui.queue_window import open_main_window

pytestmark = pytest.mark.timeout(60)


def _ok(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def test_the_project_is_chosen_from_the_list_and_an_unknown_id_is_kept(qtbot, tmp_path):
    rules_file = tmp_path / "rules.json"
    empty = tmp_path / "in"
    empty.mkdir()
    save_rules([WatchRule(folder=str(empty), project_id="p-elsewhere")], rules_file)
    with JobStore(tmp_path / "q.sqlite3") as store:
        page = WatchPage(store, rules_path=rules_file, pool=QThreadPool())
        qtbot.addWidget(page)
        page.show()
        page.set_projects([Project.model_validate({"id": "p1", "name": "News"}),
                           Project.model_validate({"id": "p2", "name": "Sport"})])
        page.table.selectRow(0)
        qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
        combo = page.dialog.project
        assert [combo.itemText(i) for i in range(combo.count())] == [
            "(Default project)", "News", "Sport", "Project p-elsewhere"]
        assert combo.currentData() == "p-elsewhere"
        with qtbot.waitSignal(page.rulesChanged):  # saved unchanged: the id it had
            qtbot.mouseClick(_ok(page.dialog), Qt.MouseButton.LeftButton)
        assert load_rules(rules_file)[0].project_id == "p-elsewhere"

        qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
        page.dialog.project.setCurrentIndex(page.dialog.project.findText("Sport"))
        with qtbot.waitSignal(page.rulesChanged):
            qtbot.mouseClick(_ok(page.dialog), Qt.MouseButton.LeftButton)
        assert load_rules(rules_file)[0].project_id == "p2"

        qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
        page.dialog.project.setCurrentIndex(0)
        with qtbot.waitSignal(page.rulesChanged):
            qtbot.mouseClick(_ok(page.dialog), Qt.MouseButton.LeftButton)
        assert load_rules(rules_file)[0].project_id is None
        page.shutdown()


def test_the_main_window_gives_the_page_the_account_projects_once_connected(qtbot, sandbox):
    with PixopClient(**client_kwargs(sandbox)) as client:
        made = client.videos.create_project("Evening news")
    window = open_main_window(qtbot, sandbox)
    page = window.extras.watch_page
    qtbot.waitUntil(lambda: (made.id, "Evening news") in page.projects(), timeout=10_000)
