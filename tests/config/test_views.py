"""The health check answers for the database; the account pages render in the site's look."""

import pytest
from django.core import mail
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse

from tests.factories import UserFactory


def test_healthz_answers_ok_when_database_answers(client, db):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_database_is_down(client, db, monkeypatch):
    def broken_cursor(*args, **kwargs):
        from django.db import OperationalError

        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken_cursor)
        response = client.get(reverse("healthz"))

    assert response.status_code == 503


def test_login_page_renders_form(client, db):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert b'name="password"' in response.content


def test_login_with_wrong_password_keeps_username_and_says_why(client, db):
    UserFactory(username="ada", password="correct-horse-battery")

    response = client.post(reverse("login"), {"username": "ada", "password": "wrong"})

    assert response.status_code == 200
    assert b'value="ada"' in response.content
    assert b"Please enter a correct e-mail address and password" in response.content


def test_login_then_logout_round_trip(client, db):
    UserFactory(username="ada", password="correct-horse-battery")

    logged_in = client.post(
        reverse("login"), {"username": "ada", "password": "correct-horse-battery"}
    )
    logged_out = client.post(reverse("logout"))

    assert logged_in.status_code == 302
    assert logged_out.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_sends_link_with_site_name(
    client, settings, django_capture_on_commit_callbacks
):
    settings.SITE_NAME = "Polaris Users' Group"
    UserFactory(username="ada", email="ada@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "ada@example.org"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Choose a new password for Polaris Users' Group"
    assert "/accounts/reset/" in mail.outbox[0].body


def test_unknown_page_answers_404_in_site_look(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b'href="/"' in response.content


def test_server_error_page_renders_without_context():
    html = render_to_string("500.html")

    assert "Something went wrong" in html
