"""Proposing and editing a talk (events/cfp/services.py: submission_create,
submission_update): speakers, format, track, level and case study, the call for papers'
deadline, who may propose or edit, and the creation key that makes a double submit one
submission."""

import datetime
import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.cfp.services import submission_create
from events.models import NOTES_MAX_LENGTH, OUTLINE_MAX_LENGTH, Submission
from members.models import Membership
from tests.events.cfp.conftest import code_of, speakers_of
from tests.events.cfp.services.conftest import DRAFT, State, edit, propose
from tests.factories import (
    CaseStudyFactory,
    ConferenceFactory,
    MemberFactory,
    SessionFormatFactory,
    SubmissionFactory,
    TrackFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


# Creating a submission


def test_submission_create_makes_draft_with_primary_and_co_speakers(speaker):
    conference = ConferenceFactory()
    co_speakers = [MemberFactory(), MemberFactory()]

    submission = submission_create(
        conference=conference,
        speaker=speaker,
        title="Streaming at Orbit",
        abstract="From nightly batches to streams.",
        session_format=SessionFormatFactory(conference=conference),
        co_speakers=[*co_speakers, speaker],
    )

    assert (
        submission.state,
        list(submission.submission_speakers.values_list("member", "is_primary", "order")),
    ) == (
        DRAFT,
        [(speaker.pk, True, 0), (co_speakers[0].pk, False, 1), (co_speakers[1].pk, False, 2)],
    )


def test_submission_create_format_of_other_conference_refused(speaker):
    conference = ConferenceFactory()

    with pytest.raises(ValidationError) as error:
        submission_create(
            conference=conference,
            speaker=speaker,
            title="Streaming at Orbit",
            abstract="From nightly batches to streams.",
            session_format=SessionFormatFactory(),
        )

    assert (list(error.value.message_dict), Submission.objects.count()) == (["format"], 0)


# Proposing


def test_submission_create_with_track_level_and_own_case_study(conference, speaker):
    track = TrackFactory(conference=conference)
    study = CaseStudyFactory(company=speaker.company)

    submission = propose(
        conference, speaker, track=track, case_study=study, audience_level="advanced"
    )

    assert (submission.state, submission.track, submission.case_study, speakers_of(submission)) == (
        State.DRAFT,
        track,
        study,
        [("ada@orbit.example", True)],
    )


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [(1, 30, "is not open yet"), (-30, -1, "is closed")],
)
def test_submission_create_outside_call_for_papers_refused(speaker, opens, closes, message):
    now = timezone.now()
    conference = ConferenceFactory(
        cfp_opens_at=now + datetime.timedelta(days=opens),
        cfp_closes_at=now + datetime.timedelta(days=closes),
    )

    with pytest.raises(ValidationError, match=message) as error:
        propose(conference, speaker)

    assert (code_of(error), Submission.objects.count()) == ("cfp_closed", 0)


def test_submission_create_one_second_after_deadline_refused(conference, speaker):
    with pytest.raises(ValidationError) as error:
        propose(conference, speaker, now=conference.cfp_closes_at)

    assert code_of(error) == "cfp_closed"


@pytest.mark.parametrize(
    "make_speaker",
    [
        lambda: MemberFactory(company__membership__state=Membership.State.LAPSED),
        lambda: MemberFactory(company__membership__tier__may_submit_talks=False),
        lambda: MemberFactory(company=None),
    ],
    ids=["lapsed", "tier-without-talks", "guest"],
)
def test_submission_create_by_ineligible_person_refused(conference, make_speaker):
    with pytest.raises(ValidationError) as error:
        propose(conference, make_speaker())

    assert (code_of(error), Submission.objects.count()) == ("not_eligible", 0)


def test_submission_create_with_other_companys_case_study_refused(conference, speaker):
    with pytest.raises(ValidationError) as error:
        propose(conference, speaker, case_study=CaseStudyFactory())

    assert list(error.value.message_dict) == ["case_study"]


def test_submission_create_track_of_other_conference_refused(conference, speaker):
    with pytest.raises(ValidationError) as error:
        propose(conference, speaker, track=TrackFactory())

    assert list(error.value.message_dict) == ["track"]


def test_submission_create_same_creation_key_twice_makes_one(conference, speaker):
    key = uuid.uuid4()
    session_format = SessionFormatFactory(conference=conference)

    first = propose(conference, speaker, creation_key=key, session_format=session_format)
    second = propose(conference, speaker, creation_key=key, session_format=session_format)

    assert (first.pk, Submission.objects.count()) == (second.pk, 1)


def test_submission_create_with_someone_elses_creation_key_refused(conference, speaker):
    key = uuid.uuid4()
    session_format = SessionFormatFactory(conference=conference)
    propose(conference, speaker, creation_key=key, session_format=session_format)

    with pytest.raises(ValidationError) as error:
        propose(conference, MemberFactory(), creation_key=key, session_format=session_format)

    assert (code_of(error), Submission.objects.count()) == ("form_used", 1)


def test_submission_create_invites_members_and_others_alike(
    conference, speaker, django_capture_on_commit_callbacks
):
    MemberFactory(user__email="grace@nimbus.example")

    with django_capture_on_commit_callbacks(execute=True):
        submission = propose(
            conference,
            speaker,
            co_speaker_emails=["Grace@Nimbus.example", "lin@elsewhere.example"],
        )

    assert speakers_of(submission) == [("ada@orbit.example", True)]
    assert sorted(submission.invitations.values_list("email", flat=True)) == [
        "grace@nimbus.example",
        "lin@elsewhere.example",
    ]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "grace@nimbus.example",
        "lin@elsewhere.example",
    ]
    assert "Streaming at Orbit" in mail.outbox[0].body
    assert "/cfp/invitations/" in mail.outbox[0].body


# Editing


def test_submission_update_by_speaker_changes_the_proposal(conference, speaker):
    submission = SubmissionFactory(conference=conference, speakers=[speaker])
    track = TrackFactory(conference=conference)

    edit(submission, speaker.user, title="Streams, a year on", track=track, notes="Short")

    submission.refresh_from_db()
    assert (submission.title, submission.track, submission.notes) == (
        "Streams, a year on",
        track,
        "Short",
    )


def test_submission_update_by_co_speaker_accepted(conference, speaker):
    co_speaker = MemberFactory()
    submission = SubmissionFactory(conference=conference, speakers=[speaker, co_speaker])

    edit(submission, co_speaker.user, title="Edited by the co-speaker")

    assert Submission.objects.get(pk=submission.pk).title == "Edited by the co-speaker"


@pytest.mark.parametrize("make_actor", [UserFactory, lambda: MemberFactory().user])
def test_submission_update_by_someone_else_refused(conference, speaker, make_actor):
    submission = SubmissionFactory(conference=conference, speakers=[speaker], title="Mine")

    with pytest.raises(ValidationError) as error:
        edit(submission, make_actor(), title="Theirs")

    assert (code_of(error), Submission.objects.get(pk=submission.pk).title) == (
        "not_allowed",
        "Mine",
    )


def test_submission_update_after_deadline_refused(conference, speaker):
    submission = SubmissionFactory(conference=conference, speakers=[speaker], state=State.SUBMITTED)

    with pytest.raises(ValidationError, match="has closed") as error:
        edit(submission, speaker.user, title="Late", now=conference.cfp_closes_at)

    assert code_of(error) == "cfp_closed"


@pytest.mark.parametrize(
    "state", [State.ACCEPTED, State.REJECTED, State.CONFIRMED, State.WITHDRAWN]
)
def test_submission_update_after_decision_refused(conference, speaker, state):
    submission = SubmissionFactory(conference=conference, speakers=[speaker], state=state)

    with pytest.raises(ValidationError) as error:
        edit(submission, speaker.user, title="Changed")

    assert code_of(error) == "not_editable"


def test_submission_update_over_length_abstract_refused(conference, speaker):
    submission = SubmissionFactory(conference=conference, speakers=[speaker])

    with pytest.raises(ValidationError) as error:
        edit(submission, speaker.user, abstract="x" * 1501)

    assert list(error.value.message_dict) == ["abstract"]


def test_submission_update_with_the_version_read_saves(conference, speaker):
    submission = SubmissionFactory(conference=conference, speakers=[speaker])

    edit(submission, speaker.user, title="Mine", expected_updated_at=submission.updated_at)

    assert Submission.objects.get(pk=submission.pk).title == "Mine"


def test_submission_update_changed_since_read_refused_as_stale(conference, speaker):
    co_speaker = MemberFactory()
    submission = SubmissionFactory(conference=conference, speakers=[speaker, co_speaker])
    read = Submission.objects.get(pk=submission.pk)
    edit(read, co_speaker.user, title="The co-speaker's title", outline="Theirs")

    with pytest.raises(ValidationError, match="changed this proposal") as error:
        edit(read, speaker.user, title="Mine", expected_updated_at=read.updated_at)

    stored = Submission.objects.get(pk=submission.pk)
    assert (code_of(error), stored.title, stored.outline) == (
        "stale",
        "The co-speaker's title",
        "Theirs",
    )


@pytest.mark.parametrize(
    ("field", "limit"),
    [("outline", OUTLINE_MAX_LENGTH), ("notes", NOTES_MAX_LENGTH)],
)
def test_submission_update_over_length_text_refused_by_field(conference, speaker, field, limit):
    submission = SubmissionFactory(conference=conference, speakers=[speaker])

    with pytest.raises(ValidationError) as error:
        edit(submission, speaker.user, **{field: "x" * (limit + 1)})

    assert list(error.value.message_dict) == [field]
    assert getattr(Submission.objects.get(pk=submission.pk), field) == ""


@pytest.mark.parametrize(
    ("field", "limit"),
    [("outline", OUTLINE_MAX_LENGTH), ("notes", NOTES_MAX_LENGTH)],
)
def test_submission_update_text_at_the_limit_saved(conference, speaker, field, limit):
    submission = SubmissionFactory(conference=conference, speakers=[speaker])

    edit(submission, speaker.user, **{field: "x" * limit})

    assert len(getattr(Submission.objects.get(pk=submission.pk), field)) == limit
