"""E-mails held for approval (members/services/mail_batches.py and mail_queue's `batch`):
held mails are never picked up by the sender; an organizer's approval sends each once, a
discard sends none; others are refused, and every decision is audited."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEntry
from members.models import MailBatch, OutgoingEmail
from members.services.mail import mail_build, mail_deliver, mail_flush, mail_queue
from members.services.mail_batches import (
    mail_batch_approve,
    mail_batch_discard,
    mail_batch_open,
)
from tests.factories import OrganizerFactory, ReviewerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(organizer) -> MailBatch:
    held = mail_batch_open(reason="Decision mails: accept selected submissions", actor=organizer)
    mail_queue(
        mails=[
            mail_build(key=f"decision:{n}", to=f"speaker{n}@example.com", subject="Hi", body="!")
            for n in range(3)
        ],
        batch=held,
    )
    return held


def test_held_mails_are_written_held_and_not_sent(batch, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        mail_queue(
            mails=[mail_build(key="decision:9", to="late@example.com", subject="S", body="B")],
            batch=batch,
        )

    assert (callbacks, mail.outbox) == ([], [])
    assert set(batch.mails.values_list("state", flat=True)) == {"held"}


def test_the_sender_never_picks_up_held_mails(batch):
    ids = list(batch.mails.values_list("pk", flat=True))

    delivery = mail_deliver(ids=ids)
    flushed = mail_flush(older_than=datetime.timedelta(0))

    assert (delivery.sent, flushed, mail.outbox) == ([], 0, [])


def test_approving_sends_each_held_mail_once(batch, organizer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        approved = mail_batch_approve(batch=batch, actor=organizer)

    assert approved == 3
    assert sorted(message.to[0] for message in mail.outbox) == [
        "speaker0@example.com",
        "speaker1@example.com",
        "speaker2@example.com",
    ]
    batch.refresh_from_db()
    assert (batch.state, batch.decided_by) == ("approved", organizer)
    assert AuditEntry.objects.filter(
        action="mail_batch.approved", target_id=str(batch.pk)
    ).get().details == {"mails": 3}


def test_approving_twice_sends_once(batch, organizer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail_batch_approve(batch=batch, actor=organizer)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError, match="already approved"),
    ):
        mail_batch_approve(batch=batch, actor=OrganizerFactory())

    assert len(mail.outbox) == 3


def test_discarding_sends_nothing_and_cannot_be_approved_after(
    batch, organizer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        discarded = mail_batch_discard(batch=batch, actor=organizer)
    with pytest.raises(ValidationError, match="already discarded"):
        mail_batch_approve(batch=batch, actor=organizer)

    assert (discarded, mail.outbox) == (3, [])
    assert set(batch.mails.values_list("state", flat=True)) == {"discarded"}
    assert AuditEntry.objects.filter(action="mail_batch.discarded").count() == 1


@pytest.mark.parametrize("make_user", [ReviewerFactory, UserFactory])
def test_only_organizers_approve_or_discard(batch, make_user):
    someone = make_user()

    with pytest.raises(PermissionDenied):
        mail_batch_approve(batch=batch, actor=someone)
    with pytest.raises(PermissionDenied):
        mail_batch_discard(batch=batch, actor=someone)

    batch.refresh_from_db()
    assert (batch.state, OutgoingEmail.objects.filter(state="held").count()) == ("held", 3)
