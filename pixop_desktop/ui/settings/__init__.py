"""Settings: Account, Transfers, Notifications (and Integrations, added with ``add_page``)."""

from pixop_desktop.ui.settings.account_form import AccountForm, TestedAccount, credential_store_for
from pixop_desktop.ui.settings.dialog import SettingsDialog, SettingsPage

__all__ = ["AccountForm", "SettingsDialog", "SettingsPage", "TestedAccount", "credential_store_for"]
