"""Every error told to people in a title and a message is a UserFacingError, and nothing else poses as one."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import pixop_desktop
from pixop_desktop.api.errors import PixopError, WrongCredentials
from pixop_desktop.credentials import CredentialError
from pixop_desktop.errors import UserFacingError
from pixop_desktop.imports.url_rules import ImportRefused, Refusal
from pixop_desktop.jobs.pipeline import error_of
from pixop_desktop.jobs.store import ProcessingLocked
from pixop_desktop.presets import PresetError
from pixop_desktop.settings import SettingsError
from pixop_desktop.transfer.probe import FileMissing, LocalFileRefused, NotAVideoError, preflight

def _classes_telling_people():
    """Exception classes of the package that carry a title for people (the sandbox speaks HTTP instead)."""
    found = []
    for info in pkgutil.walk_packages(pixop_desktop.__path__, "pixop_desktop."):
        if info.name == "pixop_desktop.__main__" or info.name.startswith("pixop_desktop.sandbox"):
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != info.name or not issubclass(cls, BaseException):
                continue
            source = inspect.getsource(cls)
            if "self.title" in source or "default_title" in source or "title: str" in source:
                found.append(cls)
    return found


def test_every_error_with_a_title_is_user_facing():
    found = _classes_telling_people()
    assert {cls.__name__ for cls in found} >= {"PixopError", "LocalFileRefused"}
    offenders = {cls.__name__ for cls in found if not issubclass(cls, UserFacingError)}
    assert not offenders, offenders


@pytest.mark.parametrize("error", [
    SettingsError("Bad server", "Use https."),
    PresetError("No preset", "There is no preset X."),
    CredentialError("Keyring locked", "Unlock it."),
    WrongCredentials("Check the password.", title="Wrong email or password"),
    ImportRefused([Refusal("url", "https-only", "Use https.")]),
])
def test_title_and_message_read_the_same_way(error):
    assert isinstance(error, UserFacingError)
    assert str(error) == f"{error.title}: {error.message}"
    assert error_of(error).title == error.title and error_of(error).message == error.message


def test_processing_locked_still_names_the_job_in_logs():
    error = ProcessingLocked(7, "the job is done.")
    assert isinstance(error, UserFacingError) and error.title == "The processing cannot be changed"
    assert str(error) == "Job 7: the job is done."


def test_a_local_file_refusal_is_not_a_pixop_error(tmp_path):
    """Nothing was asked of Pixop: code that catches PixopError (retries, server fallbacks) must not catch it."""
    with pytest.raises(FileMissing) as caught:
        preflight(tmp_path / "gone.mp4")
    assert not isinstance(caught.value, PixopError)
    assert isinstance(caught.value, LocalFileRefused) and isinstance(caught.value, UserFacingError)
    assert caught.value.title == "File not found" and "gone.mp4" in caught.value.message
    assert NotAVideoError(tmp_path, "x").title == "Not a video"
