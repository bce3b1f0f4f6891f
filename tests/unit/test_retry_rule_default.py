"""The runner's default retry schedule rides out a short outage, but not forever (D8)."""

from pixop_desktop.jobs.runner import RetryRule


def test_the_default_schedule_waits_about_a_quarter_hour_in_all():
    rule = RetryRule()
    waits = [rule.delay(attempt) for attempt in range(1, rule.max_attempts)]
    assert waits[:3] == [2.0, 4.0, 8.0] and max(waits) == 300.0
    assert 10 * 60 <= rule.total_wait == sum(waits) <= 15 * 60
