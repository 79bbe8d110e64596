"""`manage.py mailings_send_due` and the beat task `events.tasks.mailings_send_due`: the
scheduled mailings whose time has come are queued, once; the beat schedule runs the task."""

import datetime
import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from events.mailings.services import mailing_save, mailing_schedule
from events.models import Mailing
from events.tasks import mailings_send_due
from members.models import MailKind
from tests.factories import ConferenceFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_mailing() -> Mailing:
    conference = ConferenceFactory()
    RegistrationFactory(conference=conference)
    now = timezone.now()
    mailing = mailing_save(
        mailing=None,
        actor=None,
        subject="Hi",
        body="News",
        kind=MailKind.ANNOUNCEMENTS,
        conference=conference,
        registrants=True,
    )
    mailing_schedule(mailing=mailing, send_at=now + datetime.timedelta(minutes=5), now=now)
    # Its time comes.
    Mailing.objects.filter(pk=mailing.pk).update(send_at=now - datetime.timedelta(seconds=1))
    return mailing


def test_command_queues_due_mailings_once(due_mailing, django_capture_on_commit_callbacks):
    first, second = io.StringIO(), io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("mailings_send_due", stdout=first)
        call_command("mailings_send_due", stdout=second)

    assert (first.getvalue(), second.getvalue()) == (
        "1 mailing(s) queued.\n",
        "0 mailing(s) queued.\n",
    )
    assert len(mail.outbox) == 1


def test_task_queues_due_mailings(due_mailing, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert mailings_send_due.delay().get() == 1

    due_mailing.refresh_from_db()
    assert due_mailing.state == Mailing.State.SENT


def test_beat_runs_the_task_every_check_interval():
    entry = settings.CELERY_BEAT_SCHEDULE["mailings-send-due"]

    assert entry == {
        "task": mailings_send_due.name,
        "schedule": float(settings.MAILINGS_DUE_CHECK_SECONDS),
    }
