"""The co-speaker's invitation link (events/cfp/views.py): signing up or logging in to
join a submission, and links used twice, expired or altered."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from events.cfp.invitations import INVITATION_MAX_AGE, invitation_token
from events.models import Submission, SubmissionInvitation
from tests.events.cfp.views.conftest import State
from tests.factories import PASSWORD, MemberFactory, SubmissionInvitationFactory

pytestmark = pytest.mark.django_db


# The co-speaker's invitation link


@pytest.fixture
def invitation(draft):
    Submission.objects.filter(pk=draft.pk).update(state=State.SUBMITTED)
    return SubmissionInvitationFactory(submission=draft, email="lin@example.org")


def invitation_url(invitation) -> str:
    return reverse("events:invitation", args=[invitation_token(invitation=invitation)])


def test_invitation_page_offers_signup_to_visitor(client, invitation):
    # One token: a second signing a second later differs in its timestamp.
    url = invitation_url(invitation)
    response = client.get(url)

    text = response.content.decode()
    assert response.status_code == 200
    assert "Join “First title”" in text
    assert "Your user name will be lin@example.org." in text
    login_link = reverse("login") + "?" + urlencode({"next": url})
    assert f'href="{login_link}"' in text


def test_invitation_page_sends_invitee_with_an_account_to_log_in(client, invitation):
    MemberFactory(user__email="LIN@example.org")
    url = invitation_url(invitation)

    response = client.get(url)

    text = response.content.decode()
    assert "There is an account for lin@example.org." in text
    assert f'href="{reverse("login")}?{urlencode({"next": url})}"' in text
    assert "Create your account" not in text


def test_invitation_signup_logs_in_and_joins(client, invitation):
    response = client.post(
        invitation_url(invitation),
        {
            "first_name": "Lin",
            "last_name": "Chen",
            "password": "a long and unusual passphrase",
            "password_again": "a long and unusual passphrase",
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("events:my_submissions")
    assert response.context["user"].username == "lin@example.org"
    assert "First title" in response.content.decode()


def test_invitation_signup_with_differing_passwords_comes_back_filled(client, invitation):
    response = client.post(
        invitation_url(invitation),
        {
            "first_name": "Lin",
            "last_name": "Chen",
            "password": "a long and unusual passphrase",
            "password_again": "another passphrase",
        },
    )

    assert response.context["form"].errors == {"password_again": ["The two passwords differ."]}
    assert response.context["form"]["first_name"].value() == "Lin"
    assert SubmissionInvitation.objects.get(pk=invitation.pk).accepted_at is None


def test_invitation_joined_by_logged_in_member(client, invitation):
    member = MemberFactory(user__email="Lin@example.org")
    client.force_login(member.user)

    response = client.post(invitation_url(invitation))

    assert response.status_code == 302
    assert invitation.submission.speakers.filter(pk=member.pk).exists()


def test_invitation_link_used_twice_refused(client, invitation):
    url = invitation_url(invitation)
    client.force_login(MemberFactory(user__email="lin@example.org").user)
    client.post(url)

    response = client.get(url)

    assert response.status_code == 410
    assert "This invitation has already been used." in response.content.decode()


def test_invitation_link_expired_refused(client, invitation):
    SubmissionInvitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - INVITATION_MAX_AGE
    )

    response = client.get(invitation_url(invitation))

    assert response.status_code == 410
    assert "This invitation has expired." in response.content.decode()


def test_invitation_link_altered_is_404(client, invitation):
    response = client.get(invitation_url(invitation) + "x/")

    assert response.status_code == 404


def test_login_then_join_keeps_the_link(client, invitation, speaker):
    other = MemberFactory(user__username="grace")
    url = invitation_url(invitation)

    response = client.post(
        reverse("login") + f"?next={url}",
        {"username": "grace", "password": PASSWORD, "next": url},
    )

    assert (response.status_code, response["Location"]) == (302, url)
    assert not invitation.submission.speakers.filter(pk=other.pk).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_invitation_held_by_account_of_another_address_refused_clearly(client, invitation, method):
    holder = MemberFactory(user__email="grace@nimbus.example", user__first_name="Grace")
    client.force_login(holder.user)

    response = getattr(client, method)(invitation_url(invitation))

    text = response.content.decode()
    assert response.status_code == 403
    assert "This invitation was sent to lin@example.org" in text
    assert "Join as Grace" not in text
    assert not invitation.submission.speakers.filter(pk=holder.pk).exists()
    assert SubmissionInvitation.objects.get(pk=invitation.pk).accepted_at is None


def test_invitation_link_of_accepted_proposal_refused(client, invitation):
    Submission.objects.filter(pk=invitation.submission_id).update(state=State.ACCEPTED)
    client.force_login(MemberFactory(user__email="lin@example.org").user)

    response = client.post(invitation_url(invitation))

    assert response.status_code == 410
    assert "no longer take co-speakers" in response.content.decode()
    assert invitation.submission.speakers.count() == 1


# Revoking an invitation


def revoke_url(invitation) -> str:
    return reverse(
        "events:invitation_revoke",
        args=["summit", invitation.submission_id, invitation.pk],
    )


def test_edit_page_shows_primary_speaker_pending_invitations_to_revoke(speaker_client, invitation):
    response = speaker_client.get(
        reverse("events:submission_edit", args=["summit", invitation.submission_id])
    )

    text = response.content.decode()
    assert "lin@example.org" in text
    assert f'action="{revoke_url(invitation)}"' in text


def test_invitation_revoked_by_primary_speaker_link_stops_working(speaker_client, invitation):
    url = invitation_url(invitation)

    response = speaker_client.post(revoke_url(invitation))

    assert response.status_code == 302
    assert not SubmissionInvitation.objects.filter(pk=invitation.pk).exists()
    speaker_client.logout()
    assert speaker_client.get(url).status_code == 404


def test_invitation_revoke_by_co_speaker_refused(client, invitation):
    co_speaker = MemberFactory()
    invitation.submission.submission_speakers.create(member=co_speaker, order=1)
    client.force_login(co_speaker.user)

    response = client.post(revoke_url(invitation), follow=True)

    assert "Only the primary speaker may withdraw an invitation." in response.content.decode()
    assert SubmissionInvitation.objects.filter(pk=invitation.pk).exists()


def test_invitation_revoke_of_someone_elses_submission_is_404(client, invitation):
    client.force_login(MemberFactory().user)

    response = client.post(revoke_url(invitation))

    assert response.status_code == 404
    assert SubmissionInvitation.objects.filter(pk=invitation.pk).exists()
