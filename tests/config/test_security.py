"""Security settings as a person meets them: login throttling, argon2 hashes, password reset by
e-mail, the headers every page carries, and `check --deploy` in production mode."""

import json
import os
import re
import secrets
import subprocess
import sys

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from config.settings import base
from tests.config.test_settings import ROOT, load_settings
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def throttling(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def log_in(client, username: str, password: str, ip: str = "192.0.2.10"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_login_locked_out_after_failure_limit_even_with_right_password(client, throttling):
    UserFactory(username="ada")
    failures = [log_in(client, "ada", "wrong").status_code for _ in range(3)]

    locked = log_in(client, "ada", PASSWORD)

    assert (failures, locked.status_code, "_auth_user_id" in client.session) == (
        [200, 200, 429],
        429,
        False,
    )
    assert b"Too many login attempts" in locked.content


def test_login_lockout_is_per_username_and_address(client, throttling):
    UserFactory(username="ada")
    UserFactory(username="grace")
    for _ in range(3):
        log_in(client, "ada", "wrong")

    other_user = log_in(client, "grace", PASSWORD)
    client.logout()
    other_address = log_in(client, "ada", PASSWORD, ip="198.51.100.7")

    assert (other_user.status_code, other_address.status_code) == (302, 302)


def test_login_lockout_behind_a_proxy_counts_the_address_it_appended(client, throttling, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="ada")
    proxy = "10.0.0.2"
    for n in range(3):
        client.post(
            reverse("login"),
            {"username": "ada", "password": "wrong"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 192.0.2.10",
        )

    forged = client.post(
        reverse("login"),
        {"username": "ada", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="203.0.113.99, 192.0.2.10",
    )
    colleague = client.post(
        reverse("login"),
        {"username": "ada", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )

    assert (forged.status_code, colleague.status_code) == (429, 302)


def test_login_success_before_limit_resets_failures(client, throttling):
    UserFactory(username="ada")
    log_in(client, "ada", "wrong")
    log_in(client, "ada", "wrong")
    log_in(client, "ada", PASSWORD)
    client.logout()

    after = [log_in(client, "ada", "wrong").status_code for _ in range(2)]

    assert after == [200, 200]


def test_admin_login_throttled_too(client, throttling):
    UserFactory(username="ada", is_staff=True)
    url = reverse("admin:login")
    for _ in range(3):
        client.post(url, {"username": "ada", "password": "wrong"}, REMOTE_ADDR="192.0.2.10")

    locked = client.post(url, {"username": "ada", "password": PASSWORD}, REMOTE_ADDR="192.0.2.10")

    assert locked.status_code == 429


def test_passwords_hashed_with_argon2_outside_tests():
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        hashed = make_password("correct horse battery staple")

    assert hashed.startswith("argon2$argon2id$")


def test_old_pbkdf2_hash_upgraded_to_argon2_at_login(client):
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        user = UserFactory(username="ada")
        user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
        user.save(update_fields=["password"])

        response = client.post(reverse("login"), {"username": "ada", "password": PASSWORD})

    user.refresh_from_db()
    assert (response.status_code, user.password.split("$")[0]) == (302, "argon2")


def test_password_reset_link_sets_new_password_once(client, django_capture_on_commit_callbacks):
    user = UserFactory(username="ada", email="ada@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "ada@example.org"})
    found = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", str(mail.outbox[0].body))
    assert found is not None
    link = found.group(1)

    form = client.get(link, follow=True)
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a new long passphrase", "new_password2": "a new long passphrase"},
    )
    reused = client.get(link, follow=True)

    user.refresh_from_db()
    assert (done.status_code, user.check_password("a new long passphrase")) == (302, True)
    assert reused.context["validlink"] is False


def test_password_reset_for_unknown_address_sends_nothing(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})

    assert (response.status_code, len(mail.outbox)) == (302, 0)


def test_pages_carry_strict_content_security_policy(client):
    response = client.get(reverse("home"))

    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    assert {name: policy[name] for name in ("script-src", "style-src", "img-src")} == {
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self'",
    }
    assert (policy["frame-ancestors"], "unsafe-inline" in response["Content-Security-Policy"]) == (
        "'none'",
        False,
    )


def test_pages_carry_frame_referrer_and_sniffing_policies(client):
    response = client.get(reverse("home"))

    assert (
        response["X-Frame-Options"],
        response["Referrer-Policy"],
        response["X-Content-Type-Options"],
    ) == ("DENY", "same-origin", "nosniff")


def test_pages_answer_304_for_their_etag(client):
    first = client.get(reverse("home"))

    again = client.get(reverse("home"), headers={"if-none-match": first["ETag"]})

    assert (first.status_code, again.status_code) == (200, 304)


def test_session_cookie_is_http_only_and_same_site_lax(client):
    UserFactory(username="ada")

    response = client.post(reverse("login"), {"username": "ada", "password": PASSWORD})

    cookie = response.cookies["sessionid"]
    assert (cookie["httponly"], cookie["samesite"]) == (True, "Lax")


def test_user_text_cannot_reach_a_page_as_markup(client):
    UserFactory(username="ada", first_name="<script>alert(1)</script>")
    client.post(reverse("login"), {"username": "ada", "password": PASSWORD})

    response = client.get(reverse("home"))

    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


# Production mode

PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "guildhall.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://guildhall.example.org",
    "DATABASE_URL": "sqlite:////tmp/guildhall-check-deploy.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def run_in_production_mode(*args: str) -> subprocess.CompletedProcess:
    """Run Python in a fresh process with production settings and the README's variables."""
    # The browser tests' conftest allows async-unsafe calls for this process; a deployment
    # never does.
    unset = ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="config.settings.production")
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_check_deploy_reports_nothing_in_production_mode():
    result = run_in_production_mode("manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert (result.returncode, result.stdout.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
    ), result.stderr


def test_production_settings_secure_cookies_static_files_and_proxy_header():
    probe = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({'proxy': settings.SECURE_PROXY_SSL_HEADER, "
        "'redirect': settings.SECURE_SSL_REDIRECT, 'hsts': settings.SECURE_HSTS_SECONDS, "
        "'session': [settings.SESSION_COOKIE_NAME, settings.SESSION_COOKIE_SECURE], "
        "'csrf': [settings.CSRF_COOKIE_NAME, settings.CSRF_COOKIE_SECURE], "
        "'static': settings.STORAGES['staticfiles']['BACKEND'], "
        "'whitenoise': settings.MIDDLEWARE[1], "
        "'sessions': settings.SESSION_ENGINE, 'proxies': [settings.TRUSTED_PROXY_COUNT, "
        "settings.REST_FRAMEWORK['NUM_PROXIES'], settings.AXES_CLIENT_IP_CALLABLE]}))"
    )
    result = run_in_production_mode("-c", probe)

    assert json.loads(result.stdout) == {
        "proxy": ["HTTP_X_FORWARDED_PROTO", "https"],
        "redirect": True,
        "hsts": 31536000,
        "session": ["__Host-sessionid", True],
        "csrf": ["__Host-csrftoken", True],
        "static": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "whitenoise": "whitenoise.middleware.WhiteNoiseMiddleware",
        "sessions": "django.contrib.sessions.backends.cached_db",
        "proxies": [1, 1, "members.http.client_address"],
    }, result.stderr


def test_production_settings_refuse_missing_secret_key():
    result = load_settings("config.settings.production", ALLOWED_HOSTS="guildhall.example.org")

    assert (result.returncode != 0, "SECRET_KEY" in result.stderr) == (True, True)
