"""The pages of a person and their company: sign-up, invitations, the primary contact's
page and the profile."""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse

from members import tokens
from members.models import BIO_MAX_LENGTH, Invitation, Member
from tests.factories import CompanyDomainFactory, InvitationFactory, MemberFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSPHRASE = "a long enough passphrase"  # noqa: S105 - test accounts only


def link_in_last_mail() -> str:
    found = re.search(r"https?://\S+", str(mail.outbox[-1].body))
    assert found is not None
    return found.group(0).split("8000", 1)[-1]


# Sign-up


def test_signup_sends_link_then_verified_address_creates_account_and_joins_company(
    client, django_capture_on_commit_callbacks
):
    domain = CompanyDomainFactory(domain="orbit.example", company__name="Orbit Bank")

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            reverse("members:signup"),
            {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@orbit.example"},
        )
    page = client.get(link_in_last_mail())
    done = client.post(
        link_in_last_mail(),
        {
            "first_name": "Ada",
            "last_name": "Lovelace",
            "password1": PASSPHRASE,
            "password2": PASSPHRASE,
        },
        follow=True,
    )

    member = Member.objects.get(user__email="ada@orbit.example")
    assert (sent.status_code, page.status_code, done.status_code, member.company) == (
        200,
        200,
        200,
        domain.company,
    )
    assert "You joined Orbit Bank." in done.content.decode()
    assert done.context["user"].is_authenticated


def test_signup_verify_link_used_twice_refused(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("members:signup"),
            {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@orbit.example"},
        )
    url = link_in_last_mail()
    form = {"first_name": "Ada", "last_name": "L", "password1": PASSPHRASE, "password2": PASSPHRASE}
    client.post(url, form)
    client.logout()

    again = client.post(url, form)

    assert (again.status_code, get_user_model().objects.count()) == (400, 1)
    assert "This link has been used" in again.content.decode()


def test_signup_verify_expired_link_refused(client):
    class PastSigner(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time() - tokens.SIGNUP_MAX_AGE.total_seconds() - 9))

    token = PastSigner(salt=tokens.SIGNUP_SALT).sign_object(
        {"email": "ada@orbit.example", "first_name": "", "last_name": ""}, compress=True
    )

    response = client.get(reverse("members:signup_verify", args=[token]))

    assert response.status_code == 400
    assert "This link has expired." in response.content.decode()


def test_signup_verify_mismatched_passwords_shown_next_to_field(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("members:signup"),
            {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@orbit.example"},
        )

    response = client.post(
        link_in_last_mail(),
        {"first_name": "Ada", "last_name": "L", "password1": PASSPHRASE, "password2": "other"},
    )

    assert (response.status_code, response.context["form"].errors["password2"]) == (
        200,
        ["The two passwords differ."],
    )
    assert get_user_model().objects.count() == 0


# Sign-up and password-reset e-mails: limited per address and per client address


@pytest.fixture
def mail_limits(settings):
    """Two mails per address and three per client address an hour, counted afresh."""
    settings.MAIL_RATE_PER_ADDRESS = "2/hour"
    settings.MAIL_RATE_PER_CLIENT = "3/hour"
    cache.clear()
    yield
    cache.clear()


def sign_up(client, email: str, ip: str = "192.0.2.10"):
    # The mail leaves through the outbox when the request's transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("members:signup"),
            {"first_name": "Ada", "last_name": "Lovelace", "email": email},
            REMOTE_ADDR=ip,
        )


def reset(client, email: str, ip: str = "192.0.2.10"):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


LIMITED = "Too many e-mails were asked for"


def test_signup_mails_limited_per_address(client, mail_limits):
    answers = [sign_up(client, "ada@orbit.example", ip=f"192.0.2.{n}") for n in range(3)]

    assert ([answer.status_code for answer in answers], len(mail.outbox)) == ([200, 200, 429], 2)
    assert LIMITED in answers[-1].context["form"].non_field_errors()[0]


def test_signup_mails_limited_per_client_address(client, mail_limits):
    answers = [sign_up(client, f"person{n}@orbit.example") for n in range(4)]
    elsewhere = sign_up(client, "person9@orbit.example", ip="198.51.100.7")

    assert ([answer.status_code for answer in answers], elsewhere.status_code) == (
        [200, 200, 200, 429],
        200,
    )
    assert len(mail.outbox) == 4


def test_signup_limit_does_not_tell_whether_the_address_has_an_account(client, mail_limits):
    UserFactory(username="ada", email="ada@orbit.example")
    for _ in range(2):
        sign_up(client, "ada@orbit.example")
        sign_up(client, "nobody@orbit.example", ip="198.51.100.7")

    known = sign_up(client, "ada@orbit.example")
    unknown = sign_up(client, "nobody@orbit.example", ip="198.51.100.7")

    assert (known.status_code, known.context["form"].errors) == (
        unknown.status_code,
        unknown.context["form"].errors,
    )
    assert known.status_code == 429


def test_password_reset_mails_limited_per_address(client, mail_limits):
    ada = UserFactory(username="ada", email="ada@orbit.example")
    answers = []
    for n in range(3):
        # A reset link is the same for a second unless the account changes; the outbox
        # would send one mail for identical links, so each request gets its own link.
        get_user_model().objects.filter(pk=ada.pk).update(last_login=f"2026-01-0{n + 1}T00:00Z")
        answers.append(reset(client, "ADA@orbit.example", ip=f"192.0.2.{n}"))

    assert ([answer.status_code for answer in answers], len(mail.outbox)) == ([302, 302, 429], 2)
    assert LIMITED in answers[-1].context["form"].non_field_errors()[0]


def test_password_reset_mails_limited_per_client_address(client, mail_limits):
    for n in range(4):
        UserFactory(username=f"person{n}", email=f"person{n}@orbit.example")

    answers = [reset(client, f"person{n}@orbit.example") for n in range(4)]

    assert ([answer.status_code for answer in answers], len(mail.outbox)) == (
        [302, 302, 302, 429],
        3,
    )


def test_password_reset_limit_does_not_tell_whether_the_address_has_an_account(client, mail_limits):
    UserFactory(username="ada", email="ada@orbit.example")
    for _ in range(2):
        reset(client, "ada@orbit.example")
        reset(client, "nobody@orbit.example", ip="198.51.100.7")

    known = reset(client, "ada@orbit.example")
    unknown = reset(client, "nobody@orbit.example", ip="198.51.100.7")

    assert (known.status_code, known.context["form"].errors) == (
        unknown.status_code,
        unknown.context["form"].errors,
    )
    assert known.status_code == 429


def test_signup_invalid_address_shown_next_to_field(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("members:signup"),
            {"first_name": "A", "last_name": "B", "email": "not-an-address"},
        )

    assert (response.status_code, list(response.context["form"].errors), len(mail.outbox)) == (
        200,
        ["email"],
        0,
    )


# Invitations


@pytest.fixture
def primary():
    return MemberFactory(
        company__name="Orbit Bank",
        company__membership__tier__seats=5,
        is_primary_contact=True,
        user__email="ada@orbit.example",
    )


def test_invitation_link_new_person_creates_account_and_joins(
    client, primary, django_capture_on_commit_callbacks
):
    client.force_login(primary.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:team_invite"), {"email": "grace@orbit.example"})
    client.logout()
    url = link_in_last_mail()

    page = client.get(url)
    response = client.post(
        url,
        {
            "first_name": "Grace",
            "last_name": "Hopper",
            "password1": PASSPHRASE,
            "password2": PASSPHRASE,
        },
    )

    member = Member.objects.get(user__email="grace@orbit.example")
    assert (page.status_code, response.status_code, member.company) == (
        200,
        302,
        primary.company,
    )
    assert Invitation.objects.get().accepted_by == member.user


def test_invitation_link_reused_refused(client, primary, django_capture_on_commit_callbacks):
    client.force_login(primary.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:team_invite"), {"email": "grace@orbit.example"})
    client.logout()
    url = link_in_last_mail()
    form = {"first_name": "G", "last_name": "H", "password1": PASSPHRASE, "password2": PASSPHRASE}
    client.post(url, form)
    client.logout()

    again = client.get(url)

    assert again.status_code == 400
    assert "This invitation has already been used." in again.content.decode()


def test_invitation_link_existing_account_asks_to_log_in(client, primary):
    invitation = InvitationFactory(company=primary.company, email="grace@orbit.example")
    UserFactory(email="grace@orbit.example")
    token = tokens.email_link_make({"invitation": invitation.pk}, salt=tokens.INVITATION_SALT)

    response = client.get(reverse("members:invitation", args=[token]))

    assert (response.status_code, "login_url" in response.context) == (200, True)


def test_invitation_link_logged_in_as_other_person_refused(client, primary):
    invitation = InvitationFactory(company=primary.company, email="grace@orbit.example")
    token = tokens.email_link_make({"invitation": invitation.pk}, salt=tokens.INVITATION_SALT)
    client.force_login(UserFactory(email="mallory@orbit.example"))

    response = client.post(reverse("members:invitation", args=[token]))

    assert (response.status_code, Member.objects.filter(company=primary.company).count()) == (
        400,
        1,
    )


def test_invitation_link_garbled_refused(client):
    response = client.get(reverse("members:invitation", args=["not-a-token"]))

    assert response.status_code == 400
    assert "This link is not valid." in response.content.decode()


# The primary contact's page


def test_team_page_lists_people_and_invitations(client, primary):
    MemberFactory(company=primary.company, user__first_name="<script>alert(1)</script>")
    InvitationFactory(company=primary.company, email="grace@orbit.example")
    client.force_login(primary.user)

    response = client.get(reverse("members:team"))

    content = response.content.decode()
    assert (response.status_code, "grace@orbit.example" in content) == (200, True)
    assert ("<script>alert(1)" in content, "&lt;script&gt;alert(1)" in content) == (False, True)


def test_team_invite_other_company_address_shown_next_to_field(client, primary):
    MemberFactory(user__email="grace@nimbus.example")
    client.force_login(primary.user)

    response = client.post(reverse("members:team_invite"), {"email": "grace@nimbus.example"})

    assert response.status_code == 400
    assert (
        response.context["form"]
        .errors["email"][0]
        .startswith("grace@nimbus.example belongs to another member company.")
    )
    assert Invitation.objects.count() == 0


def test_team_invite_beyond_seats_refused_with_message(client):
    primary = MemberFactory(company__membership__tier__seats=1, is_primary_contact=True)
    client.force_login(primary.user)

    response = client.post(reverse("members:team_invite"), {"email": "grace@orbit.example"})

    assert response.status_code == 400
    assert "seats" in response.context["form"].non_field_errors()[0]


def test_team_invite_by_colleague_forbidden(client, primary):
    colleague = MemberFactory(company=primary.company)
    client.force_login(colleague.user)

    response = client.post(reverse("members:team_invite"), {"email": "grace@orbit.example"})

    assert (response.status_code, Invitation.objects.count()) == (403, 0)


def test_team_page_for_person_without_company_is_404(client):
    client.force_login(UserFactory())

    assert client.get(reverse("members:team")).status_code == 404


def test_team_page_anonymous_redirected_to_login(client):
    response = client.get(reverse("members:team"))

    assert (response.status_code, response["Location"].startswith(reverse("login"))) == (302, True)


def test_team_remove_colleague(client, primary):
    colleague = MemberFactory(company=primary.company)
    client.force_login(primary.user)

    response = client.post(reverse("members:team_remove", args=[colleague.pk]))

    colleague.refresh_from_db()
    assert (response.status_code, colleague.company) == (302, None)


def test_team_remove_person_of_other_company_is_404(client, primary):
    stranger = MemberFactory()
    client.force_login(primary.user)

    response = client.post(reverse("members:team_remove", args=[stranger.pk]))

    stranger.refresh_from_db()
    assert (response.status_code, stranger.company is not None) == (404, True)


def test_team_remove_by_colleague_forbidden(client, primary):
    colleague = MemberFactory(company=primary.company)
    client.force_login(colleague.user)

    response = client.post(reverse("members:team_remove", args=[primary.pk]))

    assert response.status_code == 403


def test_team_hand_over_primary_contact(client, primary):
    colleague = MemberFactory(company=primary.company)
    client.force_login(primary.user)

    client.post(reverse("members:team_hand_over", args=[colleague.pk]))

    colleague.refresh_from_db()
    assert colleague.is_primary_contact is True


def test_team_withdraw_invitation(client, primary):
    invitation = InvitationFactory(company=primary.company)
    client.force_login(primary.user)

    client.post(reverse("members:team_withdraw", args=[invitation.pk]))

    invitation.refresh_from_db()
    assert invitation.withdrawn is True


def test_team_page_runs_fixed_number_of_queries(client, primary, django_assert_num_queries):
    client.force_login(primary.user)
    client.get(reverse("members:team"))
    with django_assert_num_queries(7):
        client.get(reverse("members:team"))
    MemberFactory.create_batch(3, company=primary.company)
    InvitationFactory.create_batch(3, company=primary.company)

    with django_assert_num_queries(7):
        client.get(reverse("members:team"))


# Profile


def test_profile_saves_own_fields(client):
    member = MemberFactory(public_profile=False)
    client.force_login(member.user)

    response = client.post(
        reverse("members:profile"),
        {
            "job_title": "Architect",
            "bio": "Hi",
            "public_profile": "on",
            "linkedin": "",
            "mastodon": "",
            "github": "ada",
        },
    )

    member.refresh_from_db()
    assert (response.status_code, member.job_title, member.public_profile, member.github) == (
        302,
        "Architect",
        True,
        "ada",
    )


def test_profile_bad_url_shown_next_to_field(client):
    member = MemberFactory()
    client.force_login(member.user)

    response = client.post(reverse("members:profile"), {"linkedin": "not a url"})

    assert (response.status_code, list(response.context["form"].errors)) == (200, ["linkedin"])


def test_profile_over_length_bio_shown_next_to_field(client):
    member = MemberFactory(bio="Builds data pipelines.")
    client.force_login(member.user)

    response = client.post(reverse("members:profile"), {"bio": "x" * (BIO_MAX_LENGTH + 1)})

    member.refresh_from_db()
    assert (response.status_code, list(response.context["form"].errors), member.bio) == (
        200,
        ["bio"],
        "Builds data pipelines.",
    )


def test_profile_anonymous_redirected_to_login(client):
    assert client.get(reverse("members:profile")).status_code == 302
