"""The submission state machine (events/cfp/services.py: submission_transition,
submission_speaker_actions): every allowed move made and recorded, every move not in the
table refused, the wrong person refused, a submission's whole life in order, and what a
speaker can do next."""

import datetime
import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.cfp.services import submission_speaker_actions, submission_transition
from events.models import Submission
from tests.events.cfp.services.conftest import (
    ACCEPTED,
    ALTERNATE,
    CONFIRMED,
    DRAFT,
    REJECTED,
    SUBMITTED,
    WITHDRAWN,
    State,
    transitions_of,
)
from tests.events.conftest import refusal_code
from tests.factories import (
    MemberFactory,
    OrganizerFactory,
    ReviewerFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


# The machine as the organizers describe it: (from, to) and who may make the move.
ALLOWED_MOVES = [
    (DRAFT, SUBMITTED, "speaker"),
    (DRAFT, WITHDRAWN, "speaker"),
    (DRAFT, WITHDRAWN, "organizer"),
    (SUBMITTED, WITHDRAWN, "speaker"),
    (SUBMITTED, WITHDRAWN, "organizer"),
    (SUBMITTED, ACCEPTED, "organizer"),
    (SUBMITTED, REJECTED, "organizer"),
    (ACCEPTED, CONFIRMED, "speaker"),
    (ACCEPTED, WITHDRAWN, "speaker"),
    (ACCEPTED, WITHDRAWN, "organizer"),
    (CONFIRMED, WITHDRAWN, "speaker"),
    (CONFIRMED, WITHDRAWN, "organizer"),
    (SUBMITTED, ALTERNATE, "organizer"),
    (ALTERNATE, ACCEPTED, "organizer"),
    (ALTERNATE, REJECTED, "organizer"),
    (ALTERNATE, WITHDRAWN, "speaker"),
    (ALTERNATE, WITHDRAWN, "organizer"),
]


ALLOWED_PAIRS = {(from_state, to_state) for from_state, to_state, _ in ALLOWED_MOVES}


REFUSED_PAIRS = [
    pair for pair in itertools.product(State.values, repeat=2) if pair not in ALLOWED_PAIRS
]


# The state machine: every allowed move


@pytest.mark.parametrize(("from_state", "to_state", "role"), ALLOWED_MOVES)
def test_submission_transition_allowed_move_made_and_recorded(
    speaker, organizer, from_state, to_state, role
):
    submission = SubmissionFactory(state=from_state, speakers=[speaker])
    actor = speaker.user if role == "speaker" else organizer

    submission_transition(submission=submission, to_state=to_state, actor=actor, note="ok")

    assert (Submission.objects.get(pk=submission.pk).state, transitions_of(submission)) == (
        to_state,
        [(actor.pk, from_state, to_state)],
    )


def test_submission_transition_updates_the_object_passed_in(speaker):
    submission = SubmissionFactory(state=DRAFT, speakers=[speaker])

    submission_transition(submission=submission, to_state=SUBMITTED, actor=speaker.user)

    assert (submission.state, submission.submitted_at is not None) == (SUBMITTED, True)


def test_submission_transition_submit_records_submission_time(speaker):
    submission = SubmissionFactory(state=DRAFT, speakers=[speaker])
    closes_at = submission.conference.cfp_closes_at
    assert closes_at is not None
    now = closes_at - datetime.timedelta(minutes=1)

    submission_transition(submission=submission, to_state=SUBMITTED, actor=speaker.user, now=now)

    assert Submission.objects.get(pk=submission.pk).submitted_at == now


def test_submission_transition_co_speaker_may_submit_and_confirm(speaker):
    co_speaker = MemberFactory()
    submission = SubmissionFactory(state=DRAFT, speakers=[speaker, co_speaker])
    organizer = OrganizerFactory()

    submission_transition(submission=submission, to_state=SUBMITTED, actor=co_speaker.user)
    submission_transition(submission=submission, to_state=ACCEPTED, actor=organizer)
    submission_transition(submission=submission, to_state=CONFIRMED, actor=co_speaker.user)

    assert transitions_of(submission) == [
        (co_speaker.user.pk, DRAFT, SUBMITTED),
        (organizer.pk, SUBMITTED, ACCEPTED),
        (co_speaker.user.pk, ACCEPTED, CONFIRMED),
    ]


def test_submission_transition_records_note(speaker, organizer):
    submission = SubmissionFactory(state=SUBMITTED, speakers=[speaker])

    submission_transition(
        submission=submission, to_state=REJECTED, actor=organizer, note="Out of scope."
    )

    assert submission.transitions.get().note == "Out of scope."


# The state machine: every move not in the table


@pytest.mark.parametrize(("from_state", "to_state"), REFUSED_PAIRS)
def test_submission_transition_move_not_in_machine_refused(from_state, to_state):
    # The actor holds both roles, so only the machine itself can refuse.
    both = MemberFactory(user=OrganizerFactory())
    submission = SubmissionFactory(state=from_state, speakers=[both])

    with pytest.raises(ValidationError) as error:
        submission_transition(submission=submission, to_state=to_state, actor=both.user)

    assert (
        refusal_code(error),
        Submission.objects.get(pk=submission.pk).state,
        transitions_of(submission),
    ) == ("invalid_transition", from_state, [])


def test_submission_transition_refusal_names_the_states(speaker):
    submission = SubmissionFactory(state=REJECTED, speakers=[speaker])

    with pytest.raises(ValidationError) as error:
        submission_transition(submission=submission, to_state=ACCEPTED, actor=OrganizerFactory())

    assert error.value.messages == ["A rejected submission cannot become accepted."]


def test_submission_transition_unknown_state_refused(speaker, organizer):
    submission = SubmissionFactory(state=SUBMITTED, speakers=[speaker])

    with pytest.raises(ValidationError) as error:
        submission_transition(submission=submission, to_state="archived", actor=organizer)

    assert (error.value.messages, Submission.objects.get(pk=submission.pk).state) == (
        ["A submitted submission cannot become archived."],
        SUBMITTED,
    )


def test_submission_transition_stale_object_uses_the_stored_state(speaker, organizer):
    # Two clicks on "accept" with the same page open make one change.
    submission = SubmissionFactory(state=SUBMITTED, speakers=[speaker])
    stale = Submission.objects.get(pk=submission.pk)
    submission_transition(submission=submission, to_state=ACCEPTED, actor=organizer)

    with pytest.raises(ValidationError) as error:
        submission_transition(submission=stale, to_state=ACCEPTED, actor=organizer)

    assert (refusal_code(error), len(transitions_of(submission))) == ("invalid_transition", 1)


# The state machine: the wrong person


@pytest.mark.parametrize(
    ("from_state", "to_state", "actor_kind", "message"),
    [
        (SUBMITTED, ACCEPTED, "speaker", "Only the organizer may make this submission accepted."),
        (SUBMITTED, REJECTED, "speaker", "Only the organizer may make this submission rejected."),
        (ACCEPTED, CONFIRMED, "organizer", "Only the speaker may make this submission confirmed."),
        (DRAFT, SUBMITTED, "organizer", "Only the speaker may make this submission submitted."),
        (DRAFT, SUBMITTED, "stranger", "Only the speaker may make this submission submitted."),
        (
            SUBMITTED,
            WITHDRAWN,
            "stranger",
            "Only the organizer or speaker may make this submission withdrawn.",
        ),
        (ACCEPTED, CONFIRMED, "stranger", "Only the speaker may make this submission confirmed."),
        (SUBMITTED, ACCEPTED, "reviewer", "Only the organizer may make this submission accepted."),
        (
            SUBMITTED,
            ACCEPTED,
            "staff",
            "Only the organizer may make this submission accepted.",
        ),
        (DRAFT, SUBMITTED, "anonymous", "Only the speaker may make this submission submitted."),
        (SUBMITTED, ALTERNATE, "speaker", "Only the organizer may make this submission alternate."),
        (ALTERNATE, ACCEPTED, "speaker", "Only the organizer may make this submission accepted."),
    ],
)
def test_submission_transition_by_wrong_person_refused(
    speaker, from_state, to_state, actor_kind, message
):
    submission = SubmissionFactory(state=from_state, speakers=[speaker])
    actor = {
        "speaker": lambda: speaker.user,
        "organizer": OrganizerFactory,
        "stranger": lambda: MemberFactory().user,
        "reviewer": ReviewerFactory,
        "staff": lambda: UserFactory(is_staff=True),
        "anonymous": AnonymousUser,
    }[actor_kind]()

    with pytest.raises(ValidationError) as error:
        submission_transition(submission=submission, to_state=to_state, actor=actor)

    assert (
        error.value.messages,
        refusal_code(error),
        Submission.objects.get(pk=submission.pk).state,
        transitions_of(submission),
    ) == ([message], "not_allowed", from_state, [])


def test_submission_transition_superuser_acts_as_organizer(speaker):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    submission = SubmissionFactory(state=SUBMITTED, speakers=[speaker])

    submission_transition(submission=submission, to_state=ACCEPTED, actor=superuser)

    assert Submission.objects.get(pk=submission.pk).state == ACCEPTED


def test_submission_transition_inactive_organizer_refused(speaker):
    organizer = OrganizerFactory(is_active=False)
    submission = SubmissionFactory(state=SUBMITTED, speakers=[speaker])

    with pytest.raises(ValidationError) as error:
        submission_transition(submission=submission, to_state=ACCEPTED, actor=organizer)

    assert refusal_code(error) == "not_allowed"


def test_submission_transition_whole_life_recorded_in_order(speaker, organizer):
    submission = SubmissionFactory(state=DRAFT, speakers=[speaker])

    for to_state, actor in [
        (SUBMITTED, speaker.user),
        (ACCEPTED, organizer),
        (CONFIRMED, speaker.user),
        (WITHDRAWN, organizer),
    ]:
        submission_transition(submission=submission, to_state=to_state, actor=actor)

    assert transitions_of(submission) == [
        (speaker.user.pk, DRAFT, SUBMITTED),
        (organizer.pk, SUBMITTED, ACCEPTED),
        (speaker.user.pk, ACCEPTED, CONFIRMED),
        (organizer.pk, CONFIRMED, WITHDRAWN),
    ]


# What a speaker can do next


@pytest.mark.parametrize(
    ("state", "cfp_open", "released", "expected"),
    [
        (State.DRAFT, True, False, ["edit", "submit", "delete"]),
        (State.DRAFT, False, False, ["delete"]),
        (State.SUBMITTED, True, False, ["edit", "withdraw"]),
        (State.SUBMITTED, False, False, ["withdraw"]),
        (State.ACCEPTED, False, False, ["confirm", "withdraw"]),
        (State.ACCEPTED, False, True, ["confirm"]),
        (State.CONFIRMED, False, False, ["withdraw"]),
        (State.CONFIRMED, False, True, []),
        (State.REJECTED, False, False, []),
        (State.WITHDRAWN, True, False, []),
        # An alternate is not on the agenda, so a release does not tie it to the program.
        (State.ALTERNATE, False, True, ["withdraw"]),
    ],
)
def test_submission_speaker_actions(state, cfp_open, released, expected):
    submission = SubmissionFactory(state=state)
    closes_at = submission.conference.cfp_closes_at
    assert closes_at is not None
    now = timezone.now() if cfp_open else closes_at

    assert (
        submission_speaker_actions(submission=submission, now=now, schedule_released=released)
        == expected
    )
