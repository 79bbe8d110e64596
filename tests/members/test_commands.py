"""`manage.py membership_daily`, as cron runs it: the day's transitions and reminders,
idempotent when run twice; and `manage.py mail_flush`, which queues mail left in the outbox."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from members.models import Membership, OutgoingEmail
from members.services.mail import send
from tests.factories import MemberFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("membership_daily", *args, stdout=out)
    return out.getvalue()


def test_membership_daily_lapses_reminds_and_is_idempotent(django_capture_on_commit_callbacks):
    ending = MembershipFactory(
        starts_on=datetime.date(2030, 1, 1),
        ends_on=datetime.date(2030, 12, 31),
        company__name="Orbit Bank",
    )
    MemberFactory(company=ending.company, is_primary_contact=True, user__email="ada@orbit.example")
    expired = MembershipFactory(
        starts_on=datetime.date(2029, 1, 1), ends_on=datetime.date(2029, 12, 31)
    )

    with django_capture_on_commit_callbacks(execute=True):
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


def test_mail_flush_queues_mail_left_in_the_outbox(django_capture_on_commit_callbacks):
    with transaction.atomic():
        send(to="ada@orbit.example", template="signup_exists", context={"reset_url": "/r/"})
    OutgoingEmail.objects.update(created_at=timezone.now() - datetime.timedelta(hours=1))
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("mail_flush", "--minutes", "10", stdout=out)

    assert (out.getvalue(), [m.to for m in mail.outbox]) == (
        "1 e-mail(s) queued again.\n",
        [["ada@orbit.example"]],
    )


def test_mail_flush_negative_minutes_refused():
    with pytest.raises(CommandError, match="0 or more"):
        call_command("mail_flush", "--minutes", "-1")
