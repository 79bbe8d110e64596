"""Alternates (events/cfp/services.py: submission_transition to "alternate",
submission_promote_alternate; events/cfp/selectors.py: alternate_offer): the speakers are
told they are alternates, an alternate stays off the agenda, the best-scored alternate of
the withdrawn talk's format is offered, and promoting it accepts it, audits it and tells the
speakers; promoting anything else is refused."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from events.cfp.selectors import alternate_offer
from events.cfp.services import submission_promote_alternate, submission_transition
from events.models import Submission
from tests.events.cfp.services.conftest import (
    ACCEPTED,
    ALTERNATE,
    CONFIRMED,
    SUBMITTED,
    WITHDRAWN,
    transitions_of,
)
from tests.events.conftest import refusal_code
from tests.factories import (
    ConferenceFactory,
    OrganizerFactory,
    ReviewFactory,
    SessionFormatFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db


def _scored(state, scores, **fields):
    submission = SubmissionFactory(state=state, **fields)
    for score in scores:
        ReviewFactory(submission=submission, score=score)
    return submission


# Accepting as alternate


def test_accept_as_alternate_tells_the_speakers(speaker, django_capture_on_commit_callbacks):
    submission = SubmissionFactory(speakers=[speaker], title="Orbit streams", state=SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        submission_transition(submission=submission, to_state=ALTERNATE, actor=OrganizerFactory())

    assert [(message.to, message.subject) for message in mail.outbox] == [
        ([speaker.user.email], f"“Orbit streams” is an alternate for {submission.conference}")
    ]
    assert "accepted as an alternate" in mail.outbox[0].body


def test_alternate_is_not_in_the_program():
    alternate = SubmissionFactory(state=ALTERNATE)
    accepted = SubmissionFactory(state=ACCEPTED)

    assert list(Submission.objects.in_program()) == [accepted]
    assert alternate.pk not in Submission.objects.in_program().values_list("pk", flat=True)


# The alternate offered


def test_alternate_offer_is_the_best_scored_of_the_same_format_and_conference():
    conference = ConferenceFactory()
    talk = SessionFormatFactory(conference=conference)
    panel = SessionFormatFactory(conference=conference)
    withdrawn = SubmissionFactory(conference=conference, format=talk, state=WITHDRAWN)
    _scored(ALTERNATE, [3, 4], conference=conference, format=talk)
    best = _scored(ALTERNATE, [5, 4], conference=conference, format=talk)
    _scored(ALTERNATE, [5, 5], conference=conference, format=panel)  # another format
    _scored(SUBMITTED, [5, 5], conference=conference, format=talk)  # not an alternate
    _scored(ALTERNATE, [5, 5])  # another conference

    offer = alternate_offer(submission=withdrawn)

    average = offer.average_score if offer else None  # type: ignore[attr-defined]  # annotated
    assert (offer, average) == (best, 4.5)


def test_alternate_offer_puts_unreviewed_alternates_last():
    conference = ConferenceFactory()
    talk = SessionFormatFactory(conference=conference)
    withdrawn = SubmissionFactory(conference=conference, format=talk, state=WITHDRAWN)
    SubmissionFactory(conference=conference, format=talk, state=ALTERNATE)
    reviewed = _scored(ALTERNATE, [2], conference=conference, format=talk)

    assert alternate_offer(submission=withdrawn) == reviewed


def test_alternate_offer_none_without_alternates():
    withdrawn = SubmissionFactory(state=WITHDRAWN)
    _scored(ACCEPTED, [5], conference=withdrawn.conference, format=withdrawn.format)

    assert alternate_offer(submission=withdrawn) is None


# Promoting


def test_promote_alternate_accepts_audits_and_tells_the_speakers(
    speaker, organizer, django_capture_on_commit_callbacks
):
    alternate = SubmissionFactory(speakers=[speaker], title="Orbit streams", state=ALTERNATE)

    with django_capture_on_commit_callbacks(execute=True):
        submission_promote_alternate(
            submission=alternate, actor=organizer, base_url="https://guildhall.example.org/"
        )

    assert (
        Submission.objects.get(pk=alternate.pk).state,
        transitions_of(alternate),
        list(AuditEntry.objects.values_list("action", "target_id", "details")),
        [(message.to, message.subject) for message in mail.outbox],
    ) == (
        ACCEPTED,
        [(organizer.pk, ALTERNATE, ACCEPTED)],
        [("submission.accepted", str(alternate.pk), {"from": "alternate", "to": "accepted"})],
        [([speaker.user.email], f"“Orbit streams” is now accepted for {alternate.conference}")],
    )
    assert "https://guildhall.example.org/my/submissions/" in mail.outbox[0].body


@pytest.mark.parametrize("state", [SUBMITTED, ACCEPTED, CONFIRMED, WITHDRAWN])
def test_promote_non_alternate_refused(organizer, state, django_capture_on_commit_callbacks):
    submission = SubmissionFactory(state=state)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        submission_promote_alternate(submission=submission, actor=organizer)

    assert (
        refusal_code(error),
        Submission.objects.get(pk=submission.pk).state,
        transitions_of(submission),
        mail.outbox,
    ) == ("not_alternate", state, [], [])


def test_promote_by_speaker_refused(speaker):
    alternate = SubmissionFactory(speakers=[speaker], state=ALTERNATE)

    with pytest.raises(ValidationError) as error:
        submission_promote_alternate(submission=alternate, actor=speaker.user)

    assert (refusal_code(error), Submission.objects.get(pk=alternate.pk).state) == (
        "not_allowed",
        ALTERNATE,
    )


def test_promoted_alternate_may_be_confirmed_by_its_speaker(speaker, organizer):
    alternate = SubmissionFactory(speakers=[speaker], state=ALTERNATE)

    submission_promote_alternate(submission=alternate, actor=organizer)
    submission_transition(submission=alternate, to_state=CONFIRMED, actor=speaker.user)

    assert Submission.objects.get(pk=alternate.pk).state == CONFIRMED
