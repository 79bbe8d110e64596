"""The call for papers' services: proposing, editing, co-speakers and their invitations,
the e-mails the state machine sends, and the organizers' e-mail templates.

(The state machine itself and reviews are tested in test_services.py.)
"""

import datetime
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.cfp import emails
from events.cfp.invitations import (
    INVITATION_MAX_AGE,
    MAX_CO_SPEAKERS,
    invitation_accept,
    invitation_accept_with_signup,
    invitation_from_token,
    invitation_token,
    submission_set_co_speakers,
)
from events.cfp.mail import email_send
from events.cfp.services import (
    submission_create,
    submission_remind_unconfirmed,
    submission_speaker_actions,
    submission_transition,
    submission_update,
)
from events.models import (
    EmailTemplate,
    Submission,
    SubmissionInvitation,
    SubmissionSpeaker,
)
from members.models import Member, Membership
from tests.factories import (
    CaseStudyFactory,
    ConferenceFactory,
    MemberFactory,
    OrganizerFactory,
    SessionFormatFactory,
    SubmissionFactory,
    SubmissionInvitationFactory,
    TrackFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

State = Submission.State


@pytest.fixture
def speaker():
    return MemberFactory(user__email="ada@orbit.example")


@pytest.fixture
def conference():
    return ConferenceFactory()


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


def code_of(error) -> str:
    return error.value.error_list[0].code


def speakers_of(submission) -> list[tuple[str, bool]]:
    return list(
        SubmissionSpeaker.objects.filter(submission=submission)
        .order_by("-is_primary", "order")
        .values_list("member__user__email", "is_primary")
    )


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


# Co-speakers


def test_set_co_speakers_removes_those_no_longer_listed(conference, speaker):
    kept, dropped = MemberFactory(), MemberFactory()
    submission = SubmissionFactory(conference=conference, speakers=[speaker, kept, dropped])
    SubmissionInvitationFactory(submission=submission, email="old@example.org")

    submission_set_co_speakers(submission=submission, emails=[kept.user.email], actor=speaker.user)

    assert (speakers_of(submission), submission.invitations.count()) == (
        [(speaker.user.email, True), (kept.user.email, False)],
        0,
    )


def test_set_co_speakers_ignores_primary_speakers_own_address(conference, speaker):
    submission = SubmissionFactory(conference=conference, speakers=[speaker])

    submission_set_co_speakers(
        submission=submission, emails=["ADA@orbit.example"], actor=speaker.user
    )

    assert (speakers_of(submission), submission.invitations.count()) == (
        [(speaker.user.email, True)],
        0,
    )


def test_set_co_speakers_more_than_limit_refused(conference, speaker):
    submission = SubmissionFactory(conference=conference, speakers=[speaker])
    addresses = [f"person{n}@example.org" for n in range(MAX_CO_SPEAKERS + 1)]

    with pytest.raises(ValidationError) as error:
        submission_set_co_speakers(submission=submission, emails=addresses, actor=speaker.user)

    assert (list(error.value.message_dict), SubmissionInvitation.objects.count()) == (
        ["co_speakers"],
        0,
    )


def test_set_co_speakers_bad_address_refused_by_name(conference, speaker):
    submission = SubmissionFactory(conference=conference, speakers=[speaker])

    with pytest.raises(ValidationError) as error:
        submission_set_co_speakers(
            submission=submission, emails=["lin@example.org", "not-an-address"], actor=speaker.user
        )

    assert error.value.message_dict == {"co_speakers": ["Not an e-mail address: not-an-address."]}


def test_set_co_speakers_same_address_again_not_invited_twice(
    conference, speaker, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory(conference=conference, speakers=[speaker])

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            submission_set_co_speakers(
                submission=submission, emails=["lin@example.org"], actor=speaker.user
            )

    assert (submission.invitations.count(), len(mail.outbox)) == (1, 1)


def test_set_co_speakers_expired_invitation_replaced_and_sent_again(
    conference, speaker, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory(conference=conference, speakers=[speaker])
    old = SubmissionInvitationFactory(submission=submission, email="lin@example.org")
    later = old.created_at + INVITATION_MAX_AGE + datetime.timedelta(minutes=1)

    with django_capture_on_commit_callbacks(execute=True):
        submission_set_co_speakers(
            submission=submission, emails=["lin@example.org"], actor=speaker.user, now=later
        )

    assert (
        SubmissionInvitation.objects.filter(pk=old.pk).exists(),
        submission.invitations.count(),
        len(mail.outbox),
    ) == (False, 1, 1)


def test_set_co_speakers_by_non_speaker_refused(conference, speaker):
    submission = SubmissionFactory(conference=conference, speakers=[speaker])

    with pytest.raises(ValidationError) as error:
        submission_set_co_speakers(
            submission=submission, emails=["lin@example.org"], actor=UserFactory()
        )

    assert code_of(error) == "not_allowed"


def test_co_speaker_without_membership_may_be_linked(conference, speaker):
    guest = MemberFactory(company=None, user__email="guest@example.org")
    submission = SubmissionFactory(conference=conference, speakers=[speaker])

    submission_set_co_speakers(
        submission=submission, emails=["guest@example.org"], actor=speaker.user
    )

    assert speakers_of(submission)[1] == (guest.user.email, False)


# Invitations


@pytest.fixture
def invitation(conference, speaker):
    submission = SubmissionFactory(
        conference=conference, speakers=[speaker], state=State.SUBMITTED, title="Orbit streams"
    )
    return SubmissionInvitationFactory(submission=submission, email="lin@example.org")


def test_invitation_accept_makes_user_a_co_speaker_once(invitation):
    user = MemberFactory(company=None).user
    token = invitation_token(invitation=invitation)

    invitation_accept(token=token, user=user)

    invitation.refresh_from_db()
    assert (invitation.accepted_at is not None, invitation.accepted_by.user) == (True, user)
    assert invitation.submission.speakers.filter(user=user).exists()


def test_invitation_accept_gives_user_without_profile_a_guest_profile(invitation):
    user = UserFactory()

    invitation_accept(token=invitation_token(invitation=invitation), user=user)

    assert (Member.objects.get(user=user).company, invitation.submission.speakers.count()) == (
        None,
        2,
    )


def test_invitation_reused_refused(invitation):
    token = invitation_token(invitation=invitation)
    invitation_accept(token=token, user=UserFactory())

    with pytest.raises(ValidationError, match="already been used") as error:
        invitation_accept(token=token, user=UserFactory())

    assert (code_of(error), invitation.submission.speakers.count()) == ("used", 2)


def test_invitation_expired_refused(invitation):
    later = invitation.created_at + INVITATION_MAX_AGE

    with pytest.raises(ValidationError, match="expired") as error:
        invitation_accept(
            token=invitation_token(invitation=invitation), user=UserFactory(), now=later
        )

    assert code_of(error) == "expired"


def test_invitation_just_before_expiry_accepted(invitation):
    almost = invitation.created_at + INVITATION_MAX_AGE - datetime.timedelta(minutes=1)

    role = invitation_accept(
        token=invitation_token(invitation=invitation), user=UserFactory(), now=almost
    )

    assert role.submission == invitation.submission


@pytest.mark.parametrize("token", ["", "1", "MQ:abc", "garbage:garbage:garbage"])
def test_invitation_altered_token_refused(invitation, token):
    with pytest.raises(ValidationError) as error:
        invitation_from_token(token=token)

    assert code_of(error) == "invalid"


def test_invitation_of_withdrawn_proposal_no_longer_valid(invitation, speaker):
    token = invitation_token(invitation=invitation)
    submission_transition(
        submission=invitation.submission, to_state=State.WITHDRAWN, actor=speaker.user
    )

    with pytest.raises(ValidationError, match="withdrawn or replaced") as error:
        invitation_from_token(token=token)

    assert code_of(error) == "invalid"


def test_invitation_by_existing_speaker_refused(invitation, speaker):
    with pytest.raises(ValidationError) as error:
        invitation_accept(token=invitation_token(invitation=invitation), user=speaker.user)

    assert code_of(error) == "already_speaker"


def test_invitation_signup_creates_guest_account_and_joins(invitation):
    user = invitation_accept_with_signup(
        token=invitation_token(invitation=invitation),
        first_name="Lin",
        last_name="Chen",
        password="a long and unusual passphrase",
    )

    assert (user.username, user.email, user.member.company, user.get_full_name()) == (
        "lin@example.org",
        "lin@example.org",
        None,
        "Lin Chen",
    )
    assert user.check_password("a long and unusual passphrase")
    assert invitation.submission.speakers.filter(user=user).exists()


def test_invitation_signup_for_address_with_account_refused(invitation):
    UserFactory(email="LIN@example.org")

    with pytest.raises(ValidationError) as error:
        invitation_accept_with_signup(
            token=invitation_token(invitation=invitation),
            first_name="Lin",
            last_name="Chen",
            password="a long and unusual passphrase",
        )

    assert list(error.value.message_dict) == ["email"]


def test_invitation_signup_with_weak_password_creates_nothing(invitation):
    users = get_user_model().objects.count()

    with pytest.raises(ValidationError) as error:
        invitation_accept_with_signup(
            token=invitation_token(invitation=invitation),
            first_name="Lin",
            last_name="Chen",
            password="12345",
        )

    assert list(error.value.message_dict) == ["password"]
    assert (get_user_model().objects.count(), invitation.submission.speakers.count()) == (
        users,
        1,
    )


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


# Templates organizers edit


def test_email_send_uses_the_organizers_wording():
    EmailTemplate.objects.filter(code=emails.SUBMISSION_ACCEPTED).update(
        subject="Yes: {title}", body="Hi {speaker_name}, {unknown} stays; {link}"
    )

    email_send(
        code=emails.SUBMISSION_ACCEPTED,
        to=["ada@example.org"],
        context={"title": "Orbit", "speaker_name": "Ada", "link": "https://x.example/"},
    )

    assert (mail.outbox[0].subject, mail.outbox[0].body) == (
        "Yes: Orbit",
        "Hi Ada, {unknown} stays; https://x.example/",
    )


def test_email_send_creates_missing_template_from_the_shipped_wording():
    EmailTemplate.objects.all().delete()

    email_send(code=emails.CONFIRM_REMINDER, to=["ada@example.org"], context={"title": "Orbit"})

    assert EmailTemplate.objects.count() == len(emails.DEFAULTS)
    assert mail.outbox[0].subject == "Please confirm “Orbit”"


def test_email_send_keeps_a_title_with_newlines_on_one_subject_line():
    email_send(
        code=emails.SUBMISSION_RECEIVED,
        to=["ada@example.org"],
        context={"title": "<script>alert(1)</script>\nBcc: everyone@example.org"},
    )

    assert mail.outbox[0].subject == (
        "We received “<script>alert(1)</script> Bcc: everyone@example.org”"
    )
    assert mail.outbox[0].content_subtype == "plain"


def test_email_template_unknown_placeholder_refused():
    template = EmailTemplate.objects.get(code=emails.SUBMISSION_REJECTED)
    template.body = "Dear {speaker_name}, {inviter_name} says no."

    with pytest.raises(ValidationError) as error:
        template.full_clean()

    assert error.value.message_dict["body"][0].startswith("Unknown placeholder {inviter_name};")


def test_email_templates_exist_after_migrate():
    assert set(EmailTemplate.objects.values_list("code", flat=True)) == set(emails.DEFAULTS)


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
