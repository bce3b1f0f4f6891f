"""A rules file another program holds for a moment (Windows sharing clash) is read once it is
free; one that stays unreadable is an error, never "no rules" (and never renamed to .bad)."""

from __future__ import annotations

import pytest

from pixop_desktop.watch.rules import RulesUnreadable, WatchRule, load_rules, save_rules


@pytest.fixture
def clashing(monkeypatch):
    """Reading the rules file fails with a sharing violation the first ``fails[0]`` times."""
    from pathlib import Path

    fails = [0]
    real_read = Path.read_text

    def read_text(self, *args, **kwargs):
        if self.name == "watch_rules.json" and fails[0] > 0:
            fails[0] -= 1
            raise PermissionError(32, "The process cannot access the file because it is being used "
                                      "by another process")
        return real_read(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", read_text)
    return fails


def test_a_brief_clash_still_reads_the_rules(tmp_path, clashing):
    path = tmp_path / "watch_rules.json"
    save_rules([WatchRule(folder=str(tmp_path))], path)
    clashing[0] = 3
    assert len(load_rules(path, pause=0)) == 1
    assert path.exists() and not path.with_name("watch_rules.json.bad").exists()


def test_a_lasting_clash_is_an_error_not_an_empty_list(tmp_path, clashing):
    path = tmp_path / "watch_rules.json"
    save_rules([WatchRule(folder=str(tmp_path))], path)
    clashing[0] = 1000
    with pytest.raises(RulesUnreadable) as caught:
        load_rules(path, attempts=3, pause=0)
    assert "try again" in caught.value.message
    assert path.exists() and not path.with_name("watch_rules.json.bad").exists()


def test_damaged_content_is_still_set_aside(tmp_path):
    path = tmp_path / "watch_rules.json"
    path.write_text("{ not json")
    assert load_rules(path) == []
    assert path.with_name("watch_rules.json.bad").exists()
