"""Two doors scanning one badge at the same instant; PostgreSQL only (SQLite's in-memory
test database cannot hold two writers at once)."""

import pytest

from events.checkin.services import checkin_record
from events.models import CheckIn
from tests.events.schedule.services.test_races import run_at_once


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_checkin_record_two_scans_at_once_make_one_record(door):
    def scan():
        return checkin_record(
            conference=door.conference, code=door.code, by=door.staff, now=door.at(9, 12)
        )

    outcomes = run_at_once(scan, scan, scan)

    assert sorted(outcome.already for outcome in outcomes) == [False, True, True]
    assert CheckIn.objects.count() == 1
