"""Composing and sending mailings (events/mailings/services.py): placeholders, refusals,
one copy per person enforced by the database, resending failed copies, scheduled sending
run twice, throttling and a constant number of queries."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.mailings.services import (
    mailing_compose,
    mailing_placeholders_refusal,
    mailing_queue,
    mailing_resend_failed,
    mailing_save,
    mailing_schedule,
    mailing_send,
    mailings_send_due,
)
from events.models import Mailing, MailingRecipient
from members.models import MailKind, MailOptOut, OutgoingEmail
from tests.factories import MemberFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the call queues on commit (the mail task, eager in tests) when it returns."""

    def run(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return run


@pytest.mark.parametrize(
    "text",
    [
        "{user.password}",
        "{0.__class__}",
        "{first_name.__class__}",
        "{company!r}",
        "{first_name:>99999}",
        "{settings}",
        "{}",
        "{0}",
    ],
)
def test_placeholder_refused_names_it(text):
    refusal = mailing_placeholders_refusal(f"Hi {text}")

    assert refusal is not None
    assert text in refusal


def test_placeholder_stray_brace_refused():
    assert "stray brace" in (mailing_placeholders_refusal("Hi {first_name") or "")


def test_placeholders_allowed_and_literal_braces():
    assert mailing_placeholders_refusal("{first_name} {{literal}} {company}") is None


def test_save_refuses_unsafe_placeholder_in_subject_and_body(make_mailing):
    with pytest.raises(ValidationError) as error:
        make_mailing(subject="{user.password}", body="{0.__class__}")

    assert set(error.value.message_dict) == {"subject", "body"}
    assert Mailing.objects.count() == 0


def test_send_renders_each_persons_copy_with_unsubscribe(make_mailing, conference, committed):
    person = MemberFactory(
        user__first_name="Ada", user__last_name="Lovelace", company__name="Engines Ltd"
    ).user
    RegistrationFactory(conference=conference, user=person)
    mailing = make_mailing()

    queued = committed(mailing_send, mailing=mailing)

    assert queued == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Hello Ada"
    assert message.body.startswith("Dear Ada Lovelace of Engines Ltd, see you at Summit 2027.")
    assert "List-Unsubscribe" in message.extra_headers
    mailing.refresh_from_db()
    assert (mailing.state, mailing.recipient_count) == (Mailing.State.SENT, 1)
    row = MailingRecipient.objects.select_related("email").get(mailing=mailing)
    assert row.email is not None
    assert (row.user, row.email.state) == (person, OutgoingEmail.State.SENT)


def test_send_leaves_out_opt_outs(make_mailing, registrants, committed):
    keen, opted_out = registrants(2)
    MailOptOut.objects.create(user=opted_out, kind=MailKind.ANNOUNCEMENTS)

    committed(mailing_send, mailing=make_mailing())

    assert [message.to for message in mail.outbox] == [[keen.email]]
    assert list(MailingRecipient.objects.values_list("user", flat=True)) == [keen.pk]


def test_send_refuses_no_recipients_and_queues_nothing(make_mailing, registrants):
    (only,) = registrants(1)
    MailOptOut.objects.create(user=only, kind=MailKind.ANNOUNCEMENTS)
    mailing = make_mailing()

    with pytest.raises(ValidationError, match="Nobody matches"):
        mailing_send(mailing=mailing)

    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.DRAFT
    assert OutgoingEmail.objects.count() == 0
    assert MailingRecipient.objects.count() == 0


def test_compose_send_with_no_recipients_writes_nothing(conference):
    with pytest.raises(ValidationError, match="Nobody matches"):
        mailing_compose(
            mailing=None,
            actor=None,
            action="send",
            subject="Hi",
            body="Body",
            kind=MailKind.ANNOUNCEMENTS,
            conference=conference,
            registrants=True,
        )

    assert Mailing.objects.count() == 0


def test_send_twice_refused(make_mailing, registrants, committed):
    registrants(1)
    mailing = make_mailing()
    committed(mailing_send, mailing=mailing)

    with pytest.raises(ValidationError, match="already been sent"):
        mailing_send(mailing=mailing)

    assert len(mail.outbox) == 1


def test_database_refuses_a_second_copy_to_the_same_person(make_mailing, registrants):
    (person,) = registrants(1)
    mailing = make_mailing()
    MailingRecipient.objects.create(mailing=mailing, user=person)

    with pytest.raises(IntegrityError), transaction.atomic():
        MailingRecipient.objects.create(mailing=mailing, user=person)


def test_resend_failed_requeues_only_failed(make_mailing, registrants, settings, committed):
    registrants(3)
    mailing = make_mailing()
    committed(mailing_send, mailing=mailing)
    first, second, third = [
        (row.user, row.email_id)
        for row in MailingRecipient.objects.order_by("pk").select_related("user")
        if row.email_id is not None
    ]
    OutgoingEmail.objects.filter(pk=first[1]).update(
        state=OutgoingEmail.State.FAILED, last_error="SMTPRecipientsRefused(…)"
    )
    OutgoingEmail.objects.filter(pk=second[1]).update(state=OutgoingEmail.State.QUEUED)
    mail.outbox.clear()

    count = committed(mailing_resend_failed, mailing=mailing)

    assert count == 1
    assert [message.to for message in mail.outbox] == [[first[0].email]]
    states = dict(OutgoingEmail.objects.values_list("pk", "state"))
    assert states[first[1]] == OutgoingEmail.State.SENT
    assert states[second[1]] == OutgoingEmail.State.QUEUED
    assert states[third[1]] == OutgoingEmail.State.SENT


def test_failed_copy_keeps_its_reason(make_mailing, registrants, monkeypatch, committed):
    registrants(1)

    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused({"x@example.com": (550, b"No such user")})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    committed(mailing_send, mailing=make_mailing())

    row = MailingRecipient.objects.select_related("email").get()
    assert row.email is not None
    assert row.email.state == OutgoingEmail.State.FAILED
    assert "No such user" in row.email.last_error


def test_schedule_refuses_the_past_and_an_empty_audience(make_mailing, registrants):
    now = timezone.now()
    mailing = make_mailing()
    with pytest.raises(ValidationError, match="Nobody matches"):
        mailing_schedule(mailing=mailing, send_at=now + datetime.timedelta(hours=1), now=now)
    registrants(1)
    with pytest.raises(ValidationError, match="future"):
        mailing_schedule(mailing=mailing, send_at=now - datetime.timedelta(minutes=1), now=now)

    mailing.refresh_from_db()
    assert (mailing.state, mailing.send_at) == (Mailing.State.DRAFT, None)


def test_scheduled_mailing_sent_once_when_due_however_often_run(
    make_mailing, registrants, committed
):
    registrants(2)
    now = timezone.now()
    mailing = make_mailing()
    mailing_schedule(mailing=mailing, send_at=now + datetime.timedelta(hours=1), now=now)

    assert committed(mailings_send_due, now=now) == 0
    assert mail.outbox == []
    later = now + datetime.timedelta(hours=1, seconds=1)
    assert committed(mailings_send_due, now=later) == 1
    assert committed(mailings_send_due, now=later) == 0
    assert mailing_queue(mailing_id=mailing.pk, now=later, refuse_empty=False) is None

    assert len(mail.outbox) == 2
    mailing.refresh_from_db()
    assert (mailing.state, mailing.recipient_count) == (Mailing.State.SENT, 2)


def test_scheduled_mailing_whose_audience_emptied_is_sent_to_nobody(
    make_mailing, registrants, committed
):
    (person,) = registrants(1)
    now = timezone.now()
    mailing = make_mailing()
    mailing_schedule(mailing=mailing, send_at=now + datetime.timedelta(minutes=5), now=now)
    MailOptOut.objects.create(user=person, kind=MailKind.ANNOUNCEMENTS)

    assert committed(mailings_send_due, now=now + datetime.timedelta(minutes=6)) == 1

    mailing.refresh_from_db()
    assert (mailing.state, mailing.recipient_count) == (Mailing.State.SENT, 0)
    assert mail.outbox == []


def test_save_refuses_a_sent_mailing(make_mailing, registrants, committed):
    registrants(1)
    mailing = make_mailing()
    committed(mailing_send, mailing=mailing)

    with pytest.raises(ValidationError, match="cannot be changed"):
        mailing_save(mailing=mailing, actor=None, subject="New", body="New", kind="announcements")


@pytest.mark.parametrize("size", [5, 50])
def test_send_queries_do_not_grow_with_the_audience(
    size, make_mailing, registrants, django_assert_num_queries, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # count the queuing, not the sending
    registrants(size)
    mailing = make_mailing()

    # Taking the mailing, reading it and its tiers, the audience, 2 INSERTs, the outbox ids,
    # the state: within the savepoint's own statements.
    with django_assert_num_queries(10):
        mailing_queue(mailing_id=mailing.pk, now=timezone.now(), refuse_empty=True)

    assert OutgoingEmail.objects.count() == size


def test_send_is_throttled_by_batches(make_mailing, registrants, settings, monkeypatch, committed):
    settings.MAIL_BATCH_SIZE = 2
    settings.MAIL_SEND_RATE = 60  # a message a second: a batch of 2 every 2 seconds
    registrants(5)
    calls = []
    monkeypatch.setattr(
        "members.tasks.mail_send.apply_async",
        lambda args, countdown: calls.append((len(args[0]), countdown)),
    )
    monkeypatch.setattr("members.tasks.mail_send.delay", lambda ids: calls.append((len(ids), 0)))

    committed(mailing_send, mailing=make_mailing())

    assert calls == [(2, 0), (2, 2.0), (1, 4.0)]
