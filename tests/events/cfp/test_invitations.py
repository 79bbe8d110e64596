"""Co-speakers and their invitations (events/cfp/invitations.py): setting the co-speakers,
inviting those without an account, and accepting an invitation, with or without signing up."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError

from events.cfp.invitations import (
    INVITATION_MAX_AGE,
    MAX_CO_SPEAKERS,
    invitation_accept,
    invitation_accept_with_signup,
    invitation_from_token,
    invitation_revoke,
    invitation_token,
    submission_set_co_speakers,
)
from events.cfp.services import submission_transition
from events.models import Submission, SubmissionInvitation
from members.models import Member
from tests.events.cfp.conftest import code_of, speakers_of
from tests.factories import (
    MemberFactory,
    OrganizerFactory,
    ReviewerFactory,
    SubmissionFactory,
    SubmissionInvitationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

State = Submission.State

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


def test_set_co_speakers_invites_an_existing_member_rather_than_linking_them(
    conference, speaker, django_capture_on_commit_callbacks
):
    MemberFactory(user__email="grace@nimbus.example")
    submission = SubmissionFactory(conference=conference, speakers=[speaker])

    with django_capture_on_commit_callbacks(execute=True):
        submission_set_co_speakers(
            submission=submission, emails=["Grace@Nimbus.example"], actor=speaker.user
        )

    assert (
        speakers_of(submission),
        list(submission.invitations.values_list("email", flat=True)),
        [message.to for message in mail.outbox],
    ) == (
        [(speaker.user.email, True)],
        ["grace@nimbus.example"],
        [["grace@nimbus.example"]],
    )


def test_set_co_speakers_naming_a_member_leaves_their_companys_reviewers_reviewing(
    conference, speaker
):
    grace = MemberFactory(user__email="grace@nimbus.example")
    colleague_reviewer = MemberFactory(company=grace.company, user=ReviewerFactory()).user
    submission = SubmissionFactory(conference=conference, speakers=[speaker], state=State.SUBMITTED)

    submission_set_co_speakers(
        submission=submission, emails=["grace@nimbus.example"], actor=speaker.user
    )

    assert list(Submission.objects.reviewable_by(colleague_reviewer)) == [submission]


def test_co_speaker_without_membership_joins_by_accepting(conference, speaker):
    guest = MemberFactory(company=None, user__email="guest@example.org")
    submission = SubmissionFactory(conference=conference, speakers=[speaker])
    (invitation,) = submission_set_co_speakers(
        submission=submission, emails=["guest@example.org"], actor=speaker.user
    )

    invitation_accept(token=invitation_token(invitation=invitation), user=guest.user)

    assert speakers_of(submission)[1] == (guest.user.email, False)


# Invitations


@pytest.fixture
def invitation(conference, speaker):
    submission = SubmissionFactory(
        conference=conference, speakers=[speaker], state=State.SUBMITTED, title="Orbit streams"
    )
    return SubmissionInvitationFactory(submission=submission, email="lin@example.org")


def test_invitation_accept_makes_user_a_co_speaker_once(invitation):
    user = MemberFactory(company=None, user__email="lin@example.org").user
    token = invitation_token(invitation=invitation)

    invitation_accept(token=token, user=user)

    invitation.refresh_from_db()
    assert (invitation.accepted_at is not None, invitation.accepted_by.user) == (True, user)
    assert invitation.submission.speakers.filter(user=user).exists()


def test_invitation_accept_gives_user_without_profile_a_guest_profile(invitation):
    user = UserFactory(email="lin@example.org")

    invitation_accept(token=invitation_token(invitation=invitation), user=user)

    assert (Member.objects.get(user=user).company, invitation.submission.speakers.count()) == (
        None,
        2,
    )


def test_invitation_reused_refused(invitation):
    token = invitation_token(invitation=invitation)
    user = UserFactory(email="lin@example.org")
    invitation_accept(token=token, user=user)

    with pytest.raises(ValidationError, match="already been used") as error:
        invitation_accept(token=token, user=user)

    assert (code_of(error), invitation.submission.speakers.count()) == ("used", 2)


def test_invitation_expired_refused(invitation):
    later = invitation.created_at + INVITATION_MAX_AGE

    with pytest.raises(ValidationError, match="expired") as error:
        invitation_accept(
            token=invitation_token(invitation=invitation),
            user=UserFactory(email="lin@example.org"),
            now=later,
        )

    assert code_of(error) == "expired"


def test_invitation_just_before_expiry_accepted(invitation):
    almost = invitation.created_at + INVITATION_MAX_AGE - datetime.timedelta(minutes=1)

    role = invitation_accept(
        token=invitation_token(invitation=invitation),
        user=UserFactory(email="lin@example.org"),
        now=almost,
    )

    assert role.submission == invitation.submission


def test_invitation_accept_by_account_of_another_address_refused(invitation):
    holder = MemberFactory(user__email="grace@nimbus.example").user

    with pytest.raises(ValidationError, match=r"sent to lin@example\.org") as error:
        invitation_accept(token=invitation_token(invitation=invitation), user=holder)

    invitation.refresh_from_db()
    assert (code_of(error), invitation.accepted_at, invitation.submission.speakers.count()) == (
        "wrong_address",
        None,
        1,
    )


def test_invitation_accept_compares_the_address_case_insensitively(invitation):
    user = UserFactory(email="Lin@Example.ORG")

    invitation_accept(token=invitation_token(invitation=invitation), user=user)

    assert invitation.submission.speakers.filter(user=user).exists()


@pytest.mark.parametrize("state", [State.ACCEPTED, State.CONFIRMED])
def test_invitation_of_decided_proposal_refused(invitation, state):
    Submission.objects.filter(pk=invitation.submission_id).update(state=state)

    with pytest.raises(ValidationError, match="no longer take co-speakers") as error:
        invitation_accept(
            token=invitation_token(invitation=invitation),
            user=UserFactory(email="lin@example.org"),
        )

    assert (code_of(error), invitation.submission.speakers.count()) == ("closed", 1)


def test_invitation_cancelled_when_the_proposal_is_accepted(invitation):
    submission_transition(
        submission=invitation.submission, to_state=State.ACCEPTED, actor=OrganizerFactory()
    )

    assert not SubmissionInvitation.objects.filter(pk=invitation.pk).exists()


def test_invitation_after_the_call_closed_refused(invitation):
    conference = invitation.submission.conference
    conference.cfp_closes_at = invitation.created_at + datetime.timedelta(days=1)
    conference.save()
    later = conference.cfp_closes_at + datetime.timedelta(seconds=1)

    with pytest.raises(ValidationError, match="call for papers") as error:
        invitation_accept(
            token=invitation_token(invitation=invitation),
            user=UserFactory(email="lin@example.org"),
            now=later,
        )

    assert code_of(error) == "closed"


def test_invitation_revoked_by_primary_speaker_stops_working(invitation, speaker):
    token = invitation_token(invitation=invitation)

    invitation_revoke(invitation=invitation, actor=speaker.user)

    with pytest.raises(ValidationError) as error:
        invitation_accept(token=token, user=UserFactory(email="lin@example.org"))
    assert (code_of(error), invitation.submission.speakers.count()) == ("invalid", 1)


@pytest.mark.parametrize("who", ["co_speaker", "stranger"])
def test_invitation_revoke_by_anyone_but_the_primary_speaker_refused(invitation, who):
    co_speaker = MemberFactory()
    invitation.submission.submission_speakers.create(member=co_speaker, order=1)
    actor = co_speaker.user if who == "co_speaker" else UserFactory()

    with pytest.raises(ValidationError) as error:
        invitation_revoke(invitation=invitation, actor=actor)

    assert (code_of(error), SubmissionInvitation.objects.filter(pk=invitation.pk).exists()) == (
        "not_allowed",
        True,
    )


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
    invitation.email = speaker.user.email
    invitation.save()

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
