"""`manage.py membership_daily`, as cron runs it: the day's transitions and reminders,
idempotent when run twice."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from members.models import Membership
from tests.factories import MemberFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("membership_daily", *args, stdout=out)
    return out.getvalue()


def test_membership_daily_lapses_reminds_and_is_idempotent():
    ending = MembershipFactory(
        starts_on=datetime.date(2030, 1, 1),
        ends_on=datetime.date(2030, 12, 31),
        company__name="Orbit Bank",
    )
    MemberFactory(company=ending.company, is_primary_contact=True, user__email="ada@orbit.example")
    expired = MembershipFactory(
        starts_on=datetime.date(2029, 1, 1), ends_on=datetime.date(2029, 12, 31)
    )

    first = run("--date", "2030-11-01")
    second = run("--date", "2030-11-01")

    expired.refresh_from_db()
    assert first.splitlines() == [
        "2030-11-01: 0 period(s) activated, 1 lapsed, 1 renewal reminder(s) sent.",
        "  60-day reminder for Orbit Bank to ada@orbit.example",
    ]
    assert second.splitlines() == [
        "2030-11-01: 0 period(s) activated, 0 lapsed, 0 renewal reminder(s) sent."
    ]
    assert (expired.state, len(mail.outbox)) == (Membership.State.LAPSED, 1)


def test_membership_daily_bad_date_refused():
    with pytest.raises(CommandError) as error:
        run("--date", "01/11/2030")

    assert str(error.value) == "--date must be YYYY-MM-DD, not '01/11/2030'."
