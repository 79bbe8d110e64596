"""The e-mail section of the profile page and the one-click unsubscribe page (RFC 8058):
a POST without login or CSRF token unsubscribes, a GET never does, a forged token is refused."""

import pytest
from django.test import Client
from django.urls import reverse

from members.models import MailKind, MailOptOut
from members.services.mail import unsubscribe_token
from tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def unsubscribe_url(user, kind=MailKind.ANNOUNCEMENTS) -> str:
    return reverse("members:unsubscribe", args=[unsubscribe_token(user_id=user.pk, kind=kind)])


def opt_outs(user) -> set[str]:
    return set(MailOptOut.objects.filter(user=user).values_list("kind", flat=True))


# One-click unsubscribe


def test_unsubscribe_one_click_post_without_login_or_csrf_token():
    user = UserFactory(email="ada@orbit.example")
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(
        unsubscribe_url(user), "List-Unsubscribe=One-Click", content_type="text/plain"
    )

    assert (response.status_code, opt_outs(user)) == (200, {"announcements"})
    assert "You are unsubscribed" in response.content.decode()


def test_unsubscribe_one_click_from_invitations_to_evaluate():
    user = UserFactory(email="ada@orbit.example")

    response = Client(enforce_csrf_checks=True).post(
        unsubscribe_url(user, MailKind.EVALUATIONS),
        "List-Unsubscribe=One-Click",
        content_type="text/plain",
    )

    assert (response.status_code, opt_outs(user)) == (200, {"evaluations"})


def test_unsubscribe_get_only_asks_and_changes_nothing(client):
    user = UserFactory(email="ada@orbit.example")

    response = client.get(unsubscribe_url(user, MailKind.SCHEDULE))

    page = response.content.decode()
    assert (response.status_code, opt_outs(user)) == (200, set())
    assert "Unsubscribe from schedule changes?" in page
    assert '<form method="post">' in page
    assert "ada@orbit.example" in page
    assert response["Referrer-Policy"] == "no-referrer"


def test_unsubscribe_twice_is_harmless(client):
    user = UserFactory()

    first = client.post(unsubscribe_url(user))
    second = client.post(unsubscribe_url(user))

    assert (first.status_code, second.status_code, opt_outs(user)) == (
        200,
        200,
        {"announcements"},
    )


def test_unsubscribe_forged_token_refused(client):
    victim = UserFactory()
    token = unsubscribe_token(user_id=victim.pk, kind=MailKind.CFP)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")

    response = client.post(reverse("members:unsubscribe", args=[forged]))

    assert (response.status_code, opt_outs(victim)) == (400, set())
    assert "This unsubscribe link is not valid" in response.content.decode()


def test_unsubscribe_token_signed_for_another_purpose_refused(client):
    from django.core import signing

    victim = UserFactory()
    token = signing.dumps({"u": victim.pk, "k": "cfp"}, salt="members.signup", compress=True)

    response = client.post(reverse("members:unsubscribe", args=[token]))

    assert (response.status_code, opt_outs(victim)) == (400, set())


def test_unsubscribe_from_transactional_mail_refused(client):
    user = UserFactory()

    response = client.post(unsubscribe_url(user, MailKind.TRANSACTIONAL))

    assert (response.status_code, opt_outs(user)) == (400, set())


def test_unsubscribe_page_escapes_the_address(client):
    user = UserFactory(email='"<script>"@orbit.example')

    response = client.get(unsubscribe_url(user))

    assert "<script>" not in response.content.decode()


def test_unsubscribe_other_methods_refused(client):
    response = client.put(unsubscribe_url(UserFactory()))

    assert response.status_code == 405


# Preferences on the profile page


def test_profile_shows_the_kinds_wanted_checked(client):
    member = MemberFactory()
    MailOptOut.objects.create(user=member.user, kind=MailKind.CFP)
    client.force_login(member.user)

    response = client.get(reverse("members:profile"))

    form = response.context["mail_form"]
    assert (response.status_code, form.initial["kinds"]) == (
        200,
        [MailKind.ANNOUNCEMENTS, MailKind.SCHEDULE, MailKind.EVALUATIONS],
    )
    assert 'value="cfp"' in response.content.decode()
    assert "Invitations to evaluate the sessions you attended" in response.content.decode()


def test_mail_preferences_saved(client):
    member = MemberFactory()
    MailOptOut.objects.create(user=member.user, kind=MailKind.CFP)
    client.force_login(member.user)

    response = client.post(reverse("members:mail_preferences"), {"mail-kinds": ["cfp"]})

    assert (response.status_code, response["Location"]) == (302, "/profile/#email")
    assert opt_outs(member.user) == {"announcements", "schedule", "evaluations"}


def test_mail_preferences_none_wanted(client):
    member = MemberFactory()
    client.force_login(member.user)

    client.post(reverse("members:mail_preferences"), {})

    assert opt_outs(member.user) == {"announcements", "schedule", "cfp", "evaluations"}


def test_mail_preferences_unknown_kind_refused_at_the_field(client):
    member = MemberFactory()
    client.force_login(member.user)

    response = client.post(
        reverse("members:mail_preferences"), {"mail-kinds": ["transactional", "cfp"]}
    )

    assert (response.status_code, list(response.context["mail_form"].errors)) == (400, ["kinds"])
    assert opt_outs(member.user) == set()


def test_mail_preferences_need_login(client):
    response = client.post(reverse("members:mail_preferences"), {"mail-kinds": []})

    assert (response.status_code, response["Location"].startswith("/accounts/login/")) == (
        302,
        True,
    )


def test_mail_preferences_refuse_get(client):
    client.force_login(UserFactory())

    assert client.get(reverse("members:mail_preferences")).status_code == 405
