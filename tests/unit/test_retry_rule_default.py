"""The runner's default retry schedule rides out a short outage, notices within a minute that
the server is back, and does not wait forever."""

from pixop_desktop.jobs.runner import RetryRule


def test_the_default_schedule_backs_off_to_a_minute_and_no_further():
    rule = RetryRule()
    waits = [rule.delay(attempt) for attempt in range(1, rule.max_attempts)]
    assert waits[:5] == [2.0, 4.0, 8.0, 16.0, 32.0] and max(waits) == 60.0
    assert rule.total_wait == sum(waits) == 302.0
