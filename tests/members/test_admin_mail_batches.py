"""The held e-mails in the admin (members/admin.py: MailBatchAdmin): the batches with their
count, one mail shown in full, "Approve and send" and "Discard" for organizers only, and a
second approval that sends nothing more."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from members.models import MailBatch
from members.services.mail import mail_build, mail_queue
from members.services.mail_batches import mail_batch_open
from tests.conftest import admin_url
from tests.factories import ReviewerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(organizer) -> MailBatch:
    held = mail_batch_open(reason="Decision mails: reject selected submissions", actor=organizer)
    mail_queue(
        mails=[
            mail_build(
                key=f"decision:{n}",
                to=f"speaker{n}@example.com",
                subject="About “<b>Lakehouse</b>”",
                body="We are sorry: <script>alert(1)</script>",
            )
            for n in range(2)
        ],
        batch=held,
    )
    return held


def decide_url(batch) -> str:
    return reverse("admin:members_mailbatch_decide", args=[batch.pk])


def test_held_batches_list_their_count(organizer_client, batch):
    page = organizer_client.get(admin_url(MailBatch, "changelist")).content.decode()

    assert "Decision mails: reject selected submissions" in page
    assert '<td class="field-held_count">2</td>' in page


def test_held_batch_page_shows_one_mail_escaped_and_the_decision(organizer_client, batch):
    page = organizer_client.get(admin_url(MailBatch, "change", batch.pk)).content.decode()

    assert "2 of 2 e-mails held" in page
    assert "We are sorry: &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert (">Approve and send</button>" in page, ">Discard</button>" in page) == (True, True)


def test_approve_and_send_from_the_admin_sends_once(
    organizer_client, batch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = organizer_client.post(decide_url(batch), {"decision": "approve"}, follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        second = organizer_client.post(decide_url(batch), {"decision": "approve"}, follow=True)

    assert [str(m) for m in get_messages(first.wsgi_request)] == [
        "Approved: 2 e-mail(s) are being sent."
    ]
    assert [str(m) for m in get_messages(second.wsgi_request)][-1].startswith(
        "These e-mails were already approved and sent by organizer"
    )
    assert len(mail.outbox) == 2
    assert ">Approve and send</button>" not in second.content.decode()


def test_discard_from_the_admin_sends_nothing(
    organizer_client, batch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(decide_url(batch), {"decision": "discard"})

    batch.refresh_from_db()
    assert (batch.state, mail.outbox) == ("discarded", [])


def test_a_reviewer_cannot_approve_held_mail(client, batch, django_capture_on_commit_callbacks):
    client.force_login(ReviewerFactory())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(batch), {"decision": "approve"})

    batch.refresh_from_db()
    assert (response.status_code, batch.state, mail.outbox) == (403, "held", [])


def test_deciding_needs_a_post(organizer_client, batch):
    response = organizer_client.get(decide_url(batch))

    assert response.status_code == 405
