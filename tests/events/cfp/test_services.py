"""The call for papers' services (events/cfp/services.py): the submission state machine
(every allowed move, every refused one, who may make it, the call for papers' dates,
withdrawing after release), proposing and editing, the e-mails the state machine sends,
reminders to confirm, and what a speaker can do next."""

import datetime
import itertools
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.cfp.services import (
    submission_create,
    submission_remind_unconfirmed,
    submission_speaker_actions,
    submission_transition,
    submission_update,
)
from events.models import Submission, SubmissionTransition
from members.models import Membership
from tests.events.cfp.conftest import code_of, speakers_of
from tests.events.conftest import refusal_code
from tests.factories import (
    CaseStudyFactory,
    ConferenceFactory,
    MemberFactory,
    OrganizerFactory,
    ReviewerFactory,
    ScheduleFactory,
    SessionFormatFactory,
    SubmissionFactory,
    TrackFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

State = Submission.State
DRAFT, SUBMITTED, ACCEPTED, REJECTED, CONFIRMED, WITHDRAWN = (
    State.DRAFT,
    State.SUBMITTED,
    State.ACCEPTED,
    State.REJECTED,
    State.CONFIRMED,
    State.WITHDRAWN,
)
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
]
ALLOWED_PAIRS = {(from_state, to_state) for from_state, to_state, _ in ALLOWED_MOVES}
REFUSED_PAIRS = [
    pair for pair in itertools.product(State.values, repeat=2) if pair not in ALLOWED_PAIRS
]


def transitions_of(submission: Submission) -> list[tuple]:
    return list(
        SubmissionTransition.objects.filter(submission=submission)
        .order_by("pk")
        .values_list("actor", "from_state", "to_state")
    )


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
    now = submission.conference.cfp_closes_at - datetime.timedelta(minutes=1)

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
    now = (
        conference.cfp_opens_at
        if moment == "opens"
        else conference.cfp_closes_at - datetime.timedelta(seconds=1)
    )

    submission_transition(submission=submission, to_state=SUBMITTED, actor=speaker.user, now=now)

    assert Submission.objects.get(pk=submission.pk).state == SUBMITTED


def test_submission_transition_withdraw_after_cfp_closed_accepted(speaker):
    submission = SubmissionFactory(state=SUBMITTED, speakers=[speaker])

    submission_transition(
        submission=submission,
        to_state=WITHDRAWN,
        actor=speaker.user,
        now=submission.conference.cfp_closes_at + datetime.timedelta(days=1),
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


def propose(conference, speaker, **changes):
    arguments = {
        "conference": conference,
        "speaker": speaker,
        "title": "Streaming at Orbit",
        "abstract": "From nightly batches to streams.",
        "session_format": SessionFormatFactory(conference=conference),
        **changes,
    }
    return submission_create(**arguments)


def edit(submission, actor, **changes):
    arguments = {
        "submission": submission,
        "actor": actor,
        "title": submission.title,
        "abstract": submission.abstract,
        "session_format": submission.format,
        **changes,
    }
    return submission_update(**arguments)


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


def test_submission_create_links_member_and_invites_others(
    conference, speaker, django_capture_on_commit_callbacks
):
    colleague = MemberFactory(user__email="grace@nimbus.example")

    with django_capture_on_commit_callbacks(execute=True):
        submission = propose(
            conference,
            speaker,
            co_speaker_emails=["Grace@Nimbus.example", "lin@elsewhere.example"],
        )

    assert speakers_of(submission) == [
        ("ada@orbit.example", True),
        (colleague.user.email, False),
    ]
    assert list(submission.invitations.values_list("email", flat=True)) == ["lin@elsewhere.example"]
    assert [message.to for message in mail.outbox] == [["lin@elsewhere.example"]]
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


def test_remind_unconfirmed_emails_only_accepted_talks(speaker):
    accepted = SubmissionFactory(speakers=[speaker], state=State.ACCEPTED, title="Waiting")
    confirmed = SubmissionFactory(state=State.CONFIRMED)

    reminded = submission_remind_unconfirmed(submissions=[accepted, confirmed])

    assert (reminded, [message.to for message in mail.outbox]) == (1, [[speaker.user.email]])
    assert mail.outbox[0].subject == "Please confirm “Waiting”"


# What a speaker can do next


@pytest.mark.parametrize(
    ("state", "cfp_open", "released", "expected"),
    [
        (State.DRAFT, True, False, ["edit", "submit", "withdraw"]),
        (State.DRAFT, False, False, ["withdraw"]),
        (State.SUBMITTED, True, False, ["edit", "withdraw"]),
        (State.SUBMITTED, False, False, ["withdraw"]),
        (State.ACCEPTED, False, False, ["confirm", "withdraw"]),
        (State.ACCEPTED, False, True, ["confirm"]),
        (State.CONFIRMED, False, False, ["withdraw"]),
        (State.CONFIRMED, False, True, []),
        (State.REJECTED, False, False, []),
        (State.WITHDRAWN, True, False, []),
    ],
)
def test_submission_speaker_actions(state, cfp_open, released, expected):
    submission = SubmissionFactory(state=state)
    now = timezone.now() if cfp_open else submission.conference.cfp_closes_at

    assert (
        submission_speaker_actions(submission=submission, now=now, schedule_released=released)
        == expected
    )
