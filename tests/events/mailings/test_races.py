"""Beat, a second beat and the command starting the same scheduled mailing at the same
instant (events/mailings/services.py: mailings_send_due), on real concurrent connections;
PostgreSQL only, as SQLite's in-memory test database cannot hold two writers at once."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from events.mailings.services import mailing_save, mailing_schedule, mailings_send_due
from events.models import Mailing, MailingRecipient
from members.models import MailKind, OutgoingEmail
from tests.events.attendance.test_races import run_at_once
from tests.factories import ConferenceFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_scheduled_mailing_started_at_once_by_many_is_queued_once():
    conference = ConferenceFactory()
    people = [RegistrationFactory(conference=conference).user for _ in range(5)]
    now = timezone.now()
    mailing = mailing_save(
        mailing=None,
        actor=None,
        subject="Hi {first_name}",
        body="News",
        kind=MailKind.ANNOUNCEMENTS,
        conference=conference,
        registrants=True,
    )
    mailing_schedule(mailing=mailing, send_at=now + datetime.timedelta(minutes=1), now=now)
    due = now + datetime.timedelta(minutes=2)

    outcomes = run_at_once(*(lambda: mailings_send_due(now=due) for _ in range(4)))

    assert sorted(outcomes) == [0, 0, 0, 1], outcomes
    assert MailingRecipient.objects.filter(mailing=mailing).count() == len(people)
    assert OutgoingEmail.objects.filter(key__startswith=f"mailing:{mailing.pk}:").count() == 5
    assert len(mail.outbox) == 5
    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.SENT
