"""The login page: log in with the e-mail address accounts sign up with, the group's name,
a link to sign up, and why the visitor was sent there."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def throttling(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def log_in(client, identifier: str, password: str, ip: str = "192.0.2.10"):
    return client.post(
        reverse("login"), {"username": identifier, "password": password}, REMOTE_ADDR=ip
    )


def test_login_with_email_in_any_case_logs_that_person_in(client):
    ada = UserFactory(username="ada@example.org", email="ada@example.org")

    response = log_in(client, "  Ada@Example.ORG ", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(ada.pk)


def test_login_with_email_of_account_whose_username_differs(client):
    grace = UserFactory(username="grace", email="grace@example.org")

    response = log_in(client, "grace@example.org", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(grace.pk)


def test_login_with_username_still_works_for_staff(client):
    staff = UserFactory(username="admin", email="ops@example.org", is_staff=True)

    response = log_in(client, "admin", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_login_with_email_and_wrong_password_keeps_address_and_says_why(client):
    UserFactory(username="ada@example.org", email="ada@example.org")

    response = log_in(client, "ada@example.org", "wrong")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert b'value="ada@example.org"' in response.content
    assert b"Please enter a correct e-mail address and password" in response.content


def test_login_with_email_shared_by_two_accounts_logs_neither_in(client):
    UserFactory(username="one", email="shared@example.org")
    UserFactory(username="two", email="Shared@example.org")

    response = log_in(client, "shared@example.org", PASSWORD)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_login_with_inactive_account_email_refused(client):
    UserFactory(username="gone", email="gone@example.org", is_active=False)

    response = log_in(client, "gone@example.org", PASSWORD)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_login_lockout_counts_failures_by_email(client, throttling):
    UserFactory(username="ada@example.org", email="ada@example.org")
    failures = [log_in(client, "ada@example.org", "wrong").status_code for _ in range(3)]

    locked = log_in(client, "ada@example.org", PASSWORD)

    assert (failures, locked.status_code, "_auth_user_id" in client.session) == (
        [200, 200, 429],
        429,
        False,
    )


def test_login_lockout_not_escaped_by_changing_the_address_case_or_using_the_username(
    client, throttling
):
    UserFactory(username="ada", email="ada@example.org")
    for spelling in ("ada@example.org", "ADA@example.org", "Ada@Example.Org"):
        log_in(client, spelling, "wrong")

    by_other_case = log_in(client, "aDa@example.org", PASSWORD)
    by_username = log_in(client, "ada", PASSWORD)

    assert (by_other_case.status_code, by_username.status_code) == (429, 429)
    assert "_auth_user_id" not in client.session


def test_login_page_shows_group_name_not_host(client, settings):
    settings.SITE_NAME = "Polaris Users' Group"

    response = client.get(reverse("login"))

    html = response.content.decode()
    assert "<title>Log in · Polaris Users&#x27; Group</title>" in html
    assert "<h1>Log in to Polaris Users&#x27; Group</h1>" in html
    assert "testserver" not in html


def test_login_page_asks_for_email_and_links_sign_up(client):
    response = client.get(reverse("login"))

    html = response.content.decode()
    assert '<label for="id_username">E-mail address</label>' in html
    assert 'type="email"' in html
    assert f'href="{reverse("members:signup")}"' in html


@pytest.mark.parametrize(
    ("next_url", "reason"),
    [
        (
            "/conferences/summit/sessions/6f1c5a80-0000-4000-8000-00000000000a/star/",
            "star sessions",
        ),
        ("/conferences/summit/sessions/6f1c5a80-0000-4000-8000-00000000000a/", "star sessions"),
        ("/agenda/", "star sessions"),
        ("/conferences/summit/agenda/", "star sessions"),
        ("/conferences/summit/cfp/new/", "submit a talk"),
        ("/my/submissions/", "see your submissions"),
    ],
)
def test_login_page_explains_why_the_visitor_was_sent_there(client, next_url, reason):
    response = client.get(reverse("login"), {"next": next_url})

    assert f'<p class="login-reason">Log in to {reason}.</p>' in response.content.decode()


def test_login_page_names_any_other_page_it_continues_to(client):
    response = client.get(reverse("login"), {"next": "/review/"})

    assert '<p class="login-reason">Log in to continue to /review/.</p>' in (
        response.content.decode()
    )


def test_login_page_escapes_the_page_it_continues_to(client):
    response = client.get(reverse("login"), {"next": '/news/"><script>alert(1)</script>/'})

    html = response.content.decode()
    assert 'class="login-reason"' in html
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_login_page_gives_no_reason_for_a_foreign_next(client):
    response = client.get(reverse("login"), {"next": "https://evil.example/agenda/"})

    html = response.content.decode()
    assert "login-reason" not in html
    assert "evil.example" not in html


def test_login_page_gives_no_reason_without_next(client):
    response = client.get(reverse("login"))

    assert "login-reason" not in response.content.decode()


@pytest.mark.parametrize(
    "url_name", ["password_reset", "password_reset_done", "password_reset_complete"]
)
def test_password_reset_pages_show_group_name(client, settings, url_name):
    settings.SITE_NAME = "Polaris Users' Group"

    response = client.get(reverse(url_name))

    html = response.content.decode()
    assert "· Polaris Users&#x27; Group</title>" in html
    assert "testserver" not in html
