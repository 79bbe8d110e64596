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
    member = MemberFactory()
    client.force_login(member.user)

    response = client.post(invitation_url(invitation))

    assert response.status_code == 302
    assert invitation.submission.speakers.filter(pk=member.pk).exists()


def test_invitation_link_used_twice_refused(client, invitation):
    url = invitation_url(invitation)
    client.force_login(MemberFactory().user)
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
