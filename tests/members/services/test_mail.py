"""The outbox and the mail task (members/services/mail.py, members/tasks.py): nothing sent
for a rolled-back change, nothing sent twice, retries after transient errors, and the
unsubscribe headers of optional mail."""

import datetime
import re
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from members.models import MailKind, OutgoingEmail
from members.services.mail import (
    mail_build,
    mail_build_many,
    mail_deliver,
    mail_flush,
    mail_queue,
    send,
    unsubscribe_token,
    unsubscribe_token_read,
)
from members.tasks import mail_send
from tests.factories import UserFactory
from tests.members import mail_backends

pytestmark = pytest.mark.django_db

FLAKY = "tests.members.mail_backends.FlakyBackend"


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = FLAKY
    mail_backends.reset()
    yield mail_backends
    mail_backends.reset()


def a_mail(key: str = "test:1", to: str = "ada@example.org", **fields):
    return mail_build(key=key, to=to, subject="Hello", body="Body", **fields)


# Queued in the transaction, sent when it commits


def test_send_waits_for_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send(to="ada@example.org", template="signup_exists", context={"reset_url": "/r/"})
    before = (len(mail.outbox), len(callbacks))

    callbacks[0]()

    assert (before, [message.to for message in mail.outbox]) == ((0, 1), [["ada@example.org"]])


def test_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks):
    def change_that_fails() -> None:
        with transaction.atomic():
            send(to="ada@example.org", template="signup_exists", context={"reset_url": "/r/"})
            raise RuntimeError("the change fails after the mail was queued")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        change_that_fails()

    assert (mail.outbox, OutgoingEmail.objects.count()) == ([], 0)


def test_same_key_queued_twice_is_sent_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail_queue(mails=[a_mail()])
        mail_queue(mails=[a_mail()])

    assert (len(mail.outbox), OutgoingEmail.objects.count()) == (1, 1)


def test_mail_task_run_again_sends_nothing_more(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ids = mail_queue(mails=[a_mail()])

    again = mail_send.delay(ids).get()

    row = OutgoingEmail.objects.get()
    assert (again, len(mail.outbox), row.state, row.attempts) == (0, 1, "sent", 1)


def test_sent_message_has_a_message_id_of_its_row(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [pk] = mail_queue(mails=[a_mail()])

    assert mail.outbox[0].extra_headers["Message-ID"] == f"<guildhall.outbox.{pk}@localhost>"


# Retries


def test_mail_task_retries_after_a_dropped_connection(flaky, django_capture_on_commit_callbacks):
    flaky.reset(failures=2)

    with django_capture_on_commit_callbacks(execute=True):
        mail_queue(mails=[a_mail()])

    row = OutgoingEmail.objects.get()
    assert (len(mail.outbox), flaky.calls, row.state, row.attempts) == (1, 3, "sent", 3)


def test_mail_task_gives_up_after_the_last_retry(
    flaky, settings, django_capture_on_commit_callbacks
):
    settings.MAIL_MAX_RETRIES = 2
    flaky.reset(failures=99)

    with django_capture_on_commit_callbacks(execute=True):
        mail_queue(mails=[a_mail()])

    row = OutgoingEmail.objects.get()
    assert (mail.outbox, flaky.calls, row.state, row.attempts) == ([], 3, "failed", 3)
    assert "SMTPServerDisconnected" in row.last_error


def test_refused_recipient_fails_alone(flaky, django_capture_on_commit_callbacks):
    flaky.reset(refuse=("nobody@example.org",))

    with django_capture_on_commit_callbacks(execute=True):
        mail_queue(
            mails=[
                a_mail("test:1", "nobody@example.org"),
                a_mail("test:2", "ada@example.org"),
            ]
        )

    states = dict(OutgoingEmail.objects.values_list("to", "state"))
    assert ([m.to for m in mail.outbox], states) == (
        [["ada@example.org"]],
        {"nobody@example.org": "failed", "ada@example.org": "sent"},
    )


def test_transient_error_puts_unsent_messages_back_in_the_queue(flaky):
    flaky.reset(failures=1)
    with transaction.atomic():
        ids = mail_queue(mails=[a_mail("test:1"), a_mail("test:2")])

    delivery = mail_deliver(ids=ids)

    assert isinstance(delivery.error, smtplib.SMTPServerDisconnected)
    assert (delivery.sent, delivery.remaining) == ([], ids)
    assert set(OutgoingEmail.objects.values_list("state", flat=True)) == {"queued"}


# A worker that died mid-send


def _claimed(minutes_ago: int) -> OutgoingEmail:
    with transaction.atomic():
        [pk] = mail_queue(mails=[a_mail(f"test:{minutes_ago}")])
    OutgoingEmail.objects.filter(pk=pk).update(
        state=OutgoingEmail.State.SENDING,
        claimed_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
    )
    return OutgoingEmail.objects.get(pk=pk)


def test_message_claimed_by_a_lost_worker_is_sent_after_the_claim_expires(settings):
    settings.MAIL_CLAIM_SECONDS = 600
    stale, fresh = _claimed(minutes_ago=11), _claimed(minutes_ago=1)

    delivery = mail_deliver(ids=[stale.pk, fresh.pk])

    assert (delivery.sent, len(mail.outbox)) == ([stale.pk], 1)
    assert OutgoingEmail.objects.get(pk=fresh.pk).state == "sending"


def test_mail_flush_queues_messages_left_waiting(django_capture_on_commit_callbacks):
    with transaction.atomic():
        [old] = mail_queue(mails=[a_mail("test:old")])
        mail_queue(mails=[a_mail("test:new")])
    OutgoingEmail.objects.filter(pk=old).update(
        created_at=timezone.now() - datetime.timedelta(minutes=30)
    )

    with django_capture_on_commit_callbacks(execute=True):
        flushed = mail_flush(older_than=datetime.timedelta(minutes=10))

    assert (flushed, [m.subject for m in mail.outbox]) == (1, ["Hello"])
    assert OutgoingEmail.objects.get(pk=old).state == "sent"


# Optional mail and its unsubscribe link


def test_optional_mail_carries_one_click_unsubscribe_and_a_footer(
    settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://guildhall.example.org"
    user = UserFactory(email="ada@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        mail_queue(mails=[a_mail(kind=MailKind.SCHEDULE, user=user)])

    headers = mail.outbox[0].extra_headers
    url = headers["List-Unsubscribe"].strip("<>")
    assert url.startswith("https://guildhall.example.org/email/unsubscribe/")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in mail.outbox[0].body
    assert unsubscribe_token_read(url.rstrip("/").rsplit("/", 1)[1]) == (user, MailKind.SCHEDULE)


def test_transactional_mail_has_no_unsubscribe(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail_queue(mails=[a_mail(user=UserFactory())])

    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers
    assert "unsubscribe" not in mail.outbox[0].body


def test_optional_mail_without_a_recipient_account_refused():
    with pytest.raises(ValueError, match="unsubscribe"):
        a_mail(kind=MailKind.ANNOUNCEMENTS)


def test_unsubscribe_token_forged_refused():
    user = UserFactory()
    token = unsubscribe_token(user_id=user.pk, kind=MailKind.CFP)
    other = UserFactory()
    forged = (
        unsubscribe_token(user_id=other.pk, kind=MailKind.CFP).split(":")[0]
        + ":"
        + (token.split(":", 1)[1])
    )

    for bad in (forged, token[:-2], "not-a-token"):
        with pytest.raises(ValidationError, match="not valid"):
            unsubscribe_token_read(bad)


def test_unsubscribe_token_for_transactional_mail_refused():
    token = unsubscribe_token(user_id=UserFactory().pk, kind=MailKind.TRANSACTIONAL)

    with pytest.raises(ValidationError, match="cannot be turned off"):
        unsubscribe_token_read(token)


def test_mail_build_many_gives_what_mail_build_gives():
    people = [UserFactory(), UserFactory()]

    many = mail_build_many(
        kind=MailKind.ANNOUNCEMENTS,
        messages=[
            (f"k:{user.pk}", user.email, "News\nfor  you", f"Hi {user.first_name}", user.pk)
            for user in people
        ],
    )

    one_by_one = [
        mail_build(
            key=f"k:{user.pk}",
            to=user.email,
            subject="News\nfor  you",
            body=f"Hi {user.first_name}",
            kind=MailKind.ANNOUNCEMENTS,
            user=user,
        )
        for user in people
    ]

    # The tokens carry the second they were signed in; each reads back as its person.
    def token(message) -> str:
        found = re.search(r"/email/unsubscribe/([^/]+)/", message.body)
        assert found is not None
        return found.group(1)

    def without_token(message) -> str:
        return repr(message).replace(token(message), "T")

    assert [without_token(m) for m in many] == [without_token(m) for m in one_by_one]
    assert [unsubscribe_token_read(token(message)) for message in many] == [
        (user, MailKind.ANNOUNCEMENTS) for user in people
    ]


def test_mail_build_many_refuses_transactional_mail():
    with pytest.raises(ValueError, match="optional"):
        mail_build_many(kind=MailKind.TRANSACTIONAL, messages=[])
