"""Sending the call for papers' e-mails (events/cfp/mail.py): the organizers' wording,
templates created from the shipped wording, and subject lines kept on one line."""

import pytest
from django.core import mail

from events.cfp import emails
from events.cfp.mail import email_send
from events.models import EmailTemplate

pytestmark = pytest.mark.django_db


# Templates organizers edit


def test_email_send_uses_the_organizers_wording(django_capture_on_commit_callbacks):
    EmailTemplate.objects.filter(code=emails.SUBMISSION_ACCEPTED).update(
        subject="Yes: {title}", body="Hi {speaker_name}, {unknown} stays; {link}"
    )

    with django_capture_on_commit_callbacks(execute=True):
        email_send(
            code=emails.SUBMISSION_ACCEPTED,
            to=["ada@example.org"],
            context={"title": "Orbit", "speaker_name": "Ada", "link": "https://x.example/"},
        )

    assert (mail.outbox[0].subject, mail.outbox[0].body) == (
        "Yes: Orbit",
        "Hi Ada, {unknown} stays; https://x.example/",
    )


def test_email_send_creates_missing_template_from_the_shipped_wording(
    django_capture_on_commit_callbacks,
):
    EmailTemplate.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        email_send(code=emails.CONFIRM_REMINDER, to=["ada@example.org"], context={"title": "Orbit"})

    assert EmailTemplate.objects.count() == len(emails.DEFAULTS)
    assert mail.outbox[0].subject == "Please confirm “Orbit”"


def test_email_send_keeps_a_title_with_newlines_on_one_subject_line(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        email_send(
            code=emails.SUBMISSION_RECEIVED,
            to=["ada@example.org"],
            context={"title": "<script>alert(1)</script>\nBcc: everyone@example.org"},
        )

    assert mail.outbox[0].subject == (
        "We received “<script>alert(1)</script> Bcc: everyone@example.org”"
    )
    assert mail.outbox[0].content_subtype == "plain"


def test_email_templates_exist_after_migrate():
    assert set(EmailTemplate.objects.values_list("code", flat=True)) == set(emails.DEFAULTS)
