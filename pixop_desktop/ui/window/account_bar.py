"""The strip at the top of the window: which server, signed in as whom, which team."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QPushButton, QSizePolicy, QWidget

from pixop_desktop.services.connection import ServerChoice
from pixop_desktop.ui.colors import text_style


# ServerChoice.label's texts (the core is Qt-free), marked for lupdate here.
SERVER_LABELS = (QT_TRANSLATE_NOOP("ServerChoice", "Pixop"), QT_TRANSLATE_NOOP("ServerChoice", "Pixop staging"),
                 QT_TRANSLATE_NOOP("ServerChoice", "Sandbox on this computer"),
                 QT_TRANSLATE_NOOP("ServerChoice", "Custom server"))


def server_label(server: ServerChoice) -> str:
    """The server's translated name, e.g. "Sandbox on this computer" (window title, account bar)."""
    return QCoreApplication.translate("ServerChoice", server.label)


def team_text(team) -> str:
    return team.name or team.id


class AccountBar(QWidget):
    """Shows the connection; ``team_chosen(team_id)`` when the person picks another team."""

    team_chosen = Signal(str)
    refresh_requested = Signal()

    def __init__(self, server: ServerChoice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.server = server
        self.reachable = True  # False while the connection watch cannot reach the server
        self._connected_text = ""
        self.server_label = QLabel()
        self.server_label.setTextFormat(Qt.TextFormat.PlainText)
        self.server_label.setAccessibleName(self.tr("Server"))
        self.user_label = QLabel()
        self.user_label.setTextFormat(Qt.TextFormat.PlainText)
        self.user_label.setAccessibleName(self.tr("Signed-in user"))
        self.user_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.team_combo = QComboBox()
        self.team_combo.setAccessibleName(self.tr("Team"))
        self.team_combo.setAccessibleDescription(self.tr("The team whose projects and videos are shown"))
        self.team_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.team_combo.setEnabled(False)
        self.team_combo.activated.connect(self._on_team_activated)
        team_label = QLabel(self.tr("&Team:"))
        team_label.setBuddy(self.team_combo)

        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Load the account, projects and videos again (F5)"))
        self.refresh_button.clicked.connect(self.refresh_requested)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.server_label, 0, 0)
        grid.addWidget(self.user_label, 1, 0)
        grid.addWidget(team_label, 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.team_combo, 0, 2)
        grid.addWidget(self.refresh_button, 1, 2)
        grid.setColumnStretch(0, 1)
        self.server_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.show_connecting()

    # The server line says "Connected" only once signing in worked: before that it is
    # "Connecting to …", and after a failure "Not connected — …".

    @Slot()
    def show_connecting(self) -> None:
        self.server_label.setText(self.tr("Connecting to {label} — {url}…").format(
            label=server_label(self.server), url=self.server.url))
        self.user_label.setText(self.tr("Connecting…"))
        self.reachable = True
        self.server_label.setStyleSheet("")
        self.team_combo.setEnabled(False)

    def show_signed_out(self) -> None:
        self.server_label.setText(self.tr("Not connected — {label} — {url}").format(
            label=server_label(self.server), url=self.server.url))
        self.user_label.setText(self.tr("Not signed in"))
        self.reachable = True
        self.server_label.setStyleSheet("")
        self.team_combo.clear()
        self.team_combo.setEnabled(False)

    def show_account(self, info) -> None:
        """``info`` is the API's TokenInfo: user, team, other_teams."""
        self._connected_text = self.tr("Connected to {label} — {url}").format(
            label=server_label(self.server), url=self.server.url)
        self.reachable = True
        self.server_label.setStyleSheet("")
        self.server_label.setText(self._connected_text)
        user = info.user
        who = f"{user.name} <{user.email}>" if user.name and user.email else (user.email or user.name or user.id)
        self.user_label.setText(self.tr("Signed in as {who}").format(who=who))
        self.team_combo.clear()
        teams = ([info.team] if info.team else []) + [t for t in info.other_teams
                                                       if not info.team or t.id != info.team.id]
        for team in teams:
            self.team_combo.addItem(team_text(team), team.id)
        self.team_combo.setCurrentIndex(0 if teams else -1)
        self.team_combo.setEnabled(len(teams) > 1)

    def show_reachable(self, reachable: bool) -> None:
        """The server stopped answering (or answers again): said in place of "Connected to …"."""
        if reachable == self.reachable:
            return
        self.reachable = reachable
        if reachable:
            self.server_label.setText(self._connected_text)
            self.server_label.setStyleSheet("")
            self.server_label.setToolTip("")
        else:
            self.server_label.setText(self.tr("Can't reach Pixop — retrying ({url})").format(url=self.server.url))
            self.server_label.setStyleSheet(text_style("problem", bold=True))
            self.server_label.setToolTip(self.tr(
                "Nothing is lost: videos continue where they stopped once the connection is back. "
                "Check the internet connection if this lasts."))

    def current_team_name(self) -> str:
        return self.team_combo.currentText()

    @Slot(int)
    def _on_team_activated(self, index: int) -> None:
        team_id = self.team_combo.itemData(index)
        if team_id and index != 0:  # index 0 is the team in use
            self.team_combo.setEnabled(False)
            self.team_chosen.emit(team_id)
