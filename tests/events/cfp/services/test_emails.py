"""The e-mails of the state machine (events/cfp/services.py: submission_transition,
submission_remind_unconfirmed): the receipt on submit, the decision, nothing when told
not to notify or when the move is refused, and reminders to confirm accepted talks."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from events.cfp.services import submission_remind_unconfirmed, submission_transition
from tests.events.cfp.services.conftest import State
from tests.factories import MemberFactory, OrganizerFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


# The e-mails of the state machine


def test_submit_emails_every_speaker_a_receipt(speaker, django_capture_on_commit_callbacks):
    co_speaker = MemberFactory(user__first_name="Grace", user__last_name="Hopper")
    submission = SubmissionFactory(speakers=[speaker, co_speaker], title="Orbit streams")

    with django_capture_on_commit_callbacks(execute=True):
        submission_transition(
            submission=submission,
            to_state=State.SUBMITTED,
            actor=speaker.user,
            base_url="https://guildhall.example.org/",
        )

    assert [message.to for message in mail.outbox] == [
        [speaker.user.email],
        [co_speaker.user.email],
    ]
    assert mail.outbox[1].subject == "We received “Orbit streams”"
    assert "Dear Grace Hopper," in mail.outbox[1].body
    assert "https://guildhall.example.org/my/submissions/" in mail.outbox[1].body


@pytest.mark.parametrize(
    ("to_state", "subject"),
    [
        (State.ACCEPTED, "“Orbit streams” is accepted for"),
        (State.REJECTED, "About your proposal “Orbit streams”"),
    ],
)
def test_decision_emails_the_speakers(
    speaker, to_state, subject, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory(speakers=[speaker], title="Orbit streams", state=State.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        submission_transition(submission=submission, to_state=to_state, actor=OrganizerFactory())

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith(subject)
    assert "http://127.0.0.1:8000/my/submissions/" in mail.outbox[0].body


def test_transition_without_notify_sends_nothing(speaker, django_capture_on_commit_callbacks):
    submission = SubmissionFactory(speakers=[speaker])

    with django_capture_on_commit_callbacks(execute=True):
        submission_transition(
            submission=submission, to_state=State.SUBMITTED, actor=speaker.user, notify=False
        )

    assert mail.outbox == []


def test_refused_transition_sends_nothing(speaker, django_capture_on_commit_callbacks):
    submission = SubmissionFactory(speakers=[speaker], state=State.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        submission_transition(submission=submission, to_state=State.ACCEPTED, actor=speaker.user)

    assert mail.outbox == []


def test_remind_unconfirmed_emails_only_accepted_talks(speaker, django_capture_on_commit_callbacks):
    accepted = SubmissionFactory(speakers=[speaker], state=State.ACCEPTED, title="Waiting")
    confirmed = SubmissionFactory(state=State.CONFIRMED)

    with django_capture_on_commit_callbacks(execute=True):
        reminded = submission_remind_unconfirmed(submissions=[accepted, confirmed])

    assert (reminded, [message.to for message in mail.outbox]) == (1, [[speaker.user.email]])
    assert mail.outbox[0].subject == "Please confirm “Waiting”"
