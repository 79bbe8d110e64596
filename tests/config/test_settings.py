"""The settings read the environment in one place and refuse unsafe production setups."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'debug': settings.DEBUG, 'db': settings.DATABASES['default']['ENGINE'], "
    "'db_name': str(settings.DATABASES['default']['NAME']), "
    "'cache': settings.CACHES['default']['BACKEND'], 'email': settings.EMAIL_BACKEND, "
    "'hosts': settings.ALLOWED_HOSTS, 'use_tz': settings.USE_TZ, "
    "'time_zone': settings.TIME_ZONE, 'program_page_size': settings.PROGRAM_PAGE_SIZE}))"
)
CLEARED = (
    "DEBUG",
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_HOST",
    "ALLOWED_HOSTS",
    "DJANGO_SETTINGS_MODULE",
    "PROGRAM_PAGE_SIZE",
)


def load_settings(module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in CLEARED}
    clean.update(DJANGO_SETTINGS_MODULE=module, **env)
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_settings_without_debug_refuse_to_start_without_secret_key():
    result = load_settings("config.settings.base")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_settings_with_debug_use_development_defaults():
    result = load_settings("config.settings.base", DEBUG="1")

    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["debug"] is True
    assert loaded["db"] == "django.db.backends.sqlite3"
    assert loaded["db_name"] == str(ROOT / "guildhall.sqlite3")
    assert loaded["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert loaded["email"] == "django.core.mail.backends.console.EmailBackend"
    assert loaded["use_tz"] is True
    assert loaded["time_zone"] == "UTC"


def test_settings_read_services_from_environment():
    result = load_settings(
        "config.settings.base",
        SECRET_KEY="a-real-secret",
        DATABASE_URL="postgres://guildhall@db.internal:5432/guildhall",
        REDIS_URL="redis://cache.internal:6379/0",
        EMAIL_HOST="smtp.internal",
        ALLOWED_HOSTS="guildhall.example.org, www.guildhall.example.org",
    )

    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["debug"] is False
    assert loaded["db"] == "django.db.backends.postgresql"
    assert loaded["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert loaded["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert loaded["hosts"] == ["guildhall.example.org", "www.guildhall.example.org"]


def test_production_settings_refuse_development_key_even_with_debug():
    result = load_settings("config.settings.production", DEBUG="1")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_force_debug_off():
    result = load_settings("config.settings.production", DEBUG="1", SECRET_KEY="a-real-secret")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["debug"] is False


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_settings_refuse_unreadable_debug_flag(value):
    result = load_settings("config.settings.base", DEBUG=value)

    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


@pytest.mark.parametrize(("value", "expected"), [("", "A4"), ("letter", "LETTER"), ("A4", "A4")])
def test_settings_read_program_page_size(value, expected):
    result = load_settings("config.settings.base", DEBUG="1", PROGRAM_PAGE_SIZE=value)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["program_page_size"] == expected


def test_settings_refuse_unknown_program_page_size():
    result = load_settings("config.settings.base", DEBUG="1", PROGRAM_PAGE_SIZE="A5")

    assert result.returncode != 0
    assert "PROGRAM_PAGE_SIZE must be A4 or LETTER, not 'A5'." in result.stderr
