"""Where the password is kept, in words an editor knows (not the keyring library's backend name)."""

from __future__ import annotations

from pixop_desktop.ui.settings.account_form import AccountForm


def test_keyring_places_read_plainly(qtbot):
    form = AccountForm()
    qtbot.addWidget(form)
    assert form.keyring_place("Secret Service") == "your system keyring (Secret Service)"
    assert form.keyring_place("KWallet") == "your system keyring (KWallet)"
    assert form.keyring_place("macOS Keychain") == "the macOS Keychain"
    assert form.keyring_place("Windows Credential Locker") == "Windows Credential Manager"
    form.wait()


def test_the_label_never_shows_a_bare_backend_name(qtbot):
    form = AccountForm()
    qtbot.addWidget(form)
    form.update_keyring_status()
    text = form.keyring_label.text()
    assert text and not text.startswith("Saved in: Secret Service")
    assert "your system keyring" in text or "no keyring" in text or "session only" in text
    form.wait()
