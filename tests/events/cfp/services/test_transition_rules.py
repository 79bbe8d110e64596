"""When the state machine lets a move through (events/cfp/services.py:
submission_transition): the call for papers' dates, a speaker's membership and tier, and
withdrawing after the schedule is released."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from events.cfp.services import submission_transition
from events.models import Submission
from tests.events.cfp.services.conftest import (
    ACCEPTED,
    CONFIRMED,
    DRAFT,
    SUBMITTED,
    WITHDRAWN,
    transitions_of,
)
from tests.events.conftest import refusal_code
from tests.factories import ConferenceFactory, MemberFactory, ScheduleFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


# The state machine: the call for papers


def test_submission_transition_submit_after_cfp_closed_refused(speaker):
    submission = SubmissionFactory(state=DRAFT, speakers=[speaker])
    conference = submission.conference

    with pytest.raises(ValidationError) as error:
        submission_transition(
            submission=submission,
            to_state=SUBMITTED,
            actor=speaker.user,
            now=conference.cfp_closes_at,
        )

    assert (
        error.value.messages,
        refusal_code(error),
        Submission.objects.get(pk=submission.pk).state,
    ) == ([f"The call for papers for {conference.name} is closed."], "cfp_closed", DRAFT)


def test_submission_transition_submit_before_cfp_opens_refused(speaker):
    submission = SubmissionFactory(state=DRAFT, speakers=[speaker])
    conference = submission.conference
    assert conference.cfp_opens_at is not None

    with pytest.raises(ValidationError) as error:
        submission_transition(
            submission=submission,
            to_state=SUBMITTED,
            actor=speaker.user,
            now=conference.cfp_opens_at - datetime.timedelta(seconds=1),
        )

    assert (
        error.value.messages,
        refusal_code(error),
        Submission.objects.get(pk=submission.pk).state,
    ) == ([f"The call for papers for {conference.name} is not open yet."], "cfp_closed", DRAFT)


def test_submission_transition_submit_without_cfp_dates_refused(speaker):
    conference = ConferenceFactory(cfp_opens_at=None, cfp_closes_at=None)
    submission = SubmissionFactory(conference=conference, state=DRAFT, speakers=[speaker])

    with pytest.raises(ValidationError) as error:
        submission_transition(submission=submission, to_state=SUBMITTED, actor=speaker.user)

    assert refusal_code(error) == "cfp_closed"


@pytest.mark.parametrize(
    "moment", ["opens", "last_second"], ids=["at_opening", "last_second_before_closing"]
)
def test_submission_transition_submit_while_cfp_open_accepted(speaker, moment):
    submission = SubmissionFactory(state=DRAFT, speakers=[speaker])
    conference = submission.conference
    assert conference.cfp_opens_at is not None
    assert conference.cfp_closes_at is not None
    now = (
        conference.cfp_opens_at
        if moment == "opens"
        else conference.cfp_closes_at - datetime.timedelta(seconds=1)
    )

    submission_transition(submission=submission, to_state=SUBMITTED, actor=speaker.user, now=now)

    assert Submission.objects.get(pk=submission.pk).state == SUBMITTED


def test_submission_transition_withdraw_after_cfp_closed_accepted(speaker):
    submission = SubmissionFactory(state=SUBMITTED, speakers=[speaker])
    closes_at = submission.conference.cfp_closes_at
    assert closes_at is not None

    submission_transition(
        submission=submission,
        to_state=WITHDRAWN,
        actor=speaker.user,
        now=closes_at + datetime.timedelta(days=1),
    )

    assert Submission.objects.get(pk=submission.pk).state == WITHDRAWN


# The state machine: who may speak


def test_submission_transition_submit_by_speaker_without_active_membership_refused():
    speaker = MemberFactory(company__name="Orbit Bank", company__membership=None)
    submission = SubmissionFactory(state=DRAFT, speakers=[speaker])

    with pytest.raises(ValidationError) as error:
        submission_transition(submission=submission, to_state=SUBMITTED, actor=speaker.user)

    assert (
        error.value.messages,
        refusal_code(error),
        Submission.objects.get(pk=submission.pk).state,
    ) == (
        ["Orbit Bank's membership is not active. Your company's primary contact can renew it."],
        "not_eligible",
        DRAFT,
    )


def test_submission_transition_submit_by_speaker_with_lapsed_membership_refused():
    speaker = MemberFactory(company__membership__state="lapsed")
    submission = SubmissionFactory(state=DRAFT, speakers=[speaker])

    with pytest.raises(ValidationError) as error:
        submission_transition(submission=submission, to_state=SUBMITTED, actor=speaker.user)

    assert refusal_code(error) == "not_eligible"


def test_submission_transition_submit_by_speaker_whose_tier_may_not_submit_refused():
    speaker = MemberFactory(
        company__name="Orbit Bank",
        company__membership__tier__name="Associate",
        company__membership__tier__may_submit_talks=False,
    )
    submission = SubmissionFactory(state=DRAFT, speakers=[speaker])

    with pytest.raises(ValidationError) as error:
        submission_transition(submission=submission, to_state=SUBMITTED, actor=speaker.user)

    assert (
        error.value.messages,
        refusal_code(error),
        Submission.objects.get(pk=submission.pk).state,
    ) == (
        [
            "Orbit Bank's Associate membership does not include talks. "
            "Your company's primary contact can upgrade it."
        ],
        "not_eligible",
        DRAFT,
    )


def test_submission_transition_submit_by_guest_speaker_refused():
    speaker = MemberFactory(company=None)
    submission = SubmissionFactory(state=DRAFT, speakers=[speaker])

    with pytest.raises(ValidationError) as error:
        submission_transition(submission=submission, to_state=SUBMITTED, actor=speaker.user)

    assert refusal_code(error) == "not_eligible"


def test_submission_transition_membership_day_is_the_conference_local_day():
    # 23:30 UTC on 31 December is already 1 January in Tokyo, the day the membership starts.
    speaker = MemberFactory(
        company__membership__starts_on=datetime.date(2031, 1, 1),
        company__membership__ends_on=datetime.date(2031, 12, 31),
    )
    now = datetime.datetime(2030, 12, 31, 23, 30, tzinfo=datetime.UTC)
    submission = SubmissionFactory(
        state=DRAFT,
        speakers=[speaker],
        conference__timezone="Asia/Tokyo",
        conference__cfp_opens_at=now - datetime.timedelta(days=1),
        conference__cfp_closes_at=now + datetime.timedelta(days=1),
    )

    submission_transition(submission=submission, to_state=SUBMITTED, actor=speaker.user, now=now)

    assert Submission.objects.get(pk=submission.pk).state == SUBMITTED


# The state machine: withdrawing after the schedule is out


@pytest.mark.parametrize("from_state", [ACCEPTED, CONFIRMED])
def test_submission_transition_speaker_withdrawal_after_release_refused(speaker, from_state):
    submission = SubmissionFactory(state=from_state, speakers=[speaker])
    ScheduleFactory(conference=submission.conference, released=True)

    with pytest.raises(ValidationError) as error:
        submission_transition(submission=submission, to_state=WITHDRAWN, actor=speaker.user)

    assert (
        error.value.messages,
        refusal_code(error),
        Submission.objects.get(pk=submission.pk).state,
        transitions_of(submission),
    ) == (
        ["The schedule has been released; ask the organizers to withdraw this talk."],
        "schedule_released",
        from_state,
        [],
    )


@pytest.mark.parametrize("from_state", [ACCEPTED, CONFIRMED])
def test_submission_transition_organizer_withdrawal_after_release_accepted(
    speaker, organizer, from_state
):
    submission = SubmissionFactory(state=from_state, speakers=[speaker])
    ScheduleFactory(conference=submission.conference, released=True)

    submission_transition(submission=submission, to_state=WITHDRAWN, actor=organizer)

    assert transitions_of(submission) == [(organizer.pk, from_state, WITHDRAWN)]


def test_submission_transition_speaker_withdrawal_with_only_working_copy_accepted(speaker):
    submission = SubmissionFactory(state=CONFIRMED, speakers=[speaker])
    ScheduleFactory(conference=submission.conference)

    submission_transition(submission=submission, to_state=WITHDRAWN, actor=speaker.user)

    assert Submission.objects.get(pk=submission.pk).state == WITHDRAWN


def test_submission_transition_speaker_withdrawal_after_other_conference_release_accepted(
    speaker,
):
    submission = SubmissionFactory(state=CONFIRMED, speakers=[speaker])
    ScheduleFactory(released=True)

    submission_transition(submission=submission, to_state=WITHDRAWN, actor=speaker.user)

    assert Submission.objects.get(pk=submission.pk).state == WITHDRAWN
