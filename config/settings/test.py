"""Settings for the test suite: fast hashing, mail kept in memory, a fixed key."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-deployment")

from .base import *  # noqa: F403 - extends the base settings wholesale

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
# django-axes needs the request in authenticate(), which the test client's login() does not
# pass; tests of throttling itself (tests/config/test_security.py) switch it on.
AXES_ENABLED = False
# Tasks run at once in the test process, retries too (as in `make run`); the tests read what
# a task did from the database and the outbox. tests/members/test_worker.py runs a real
# worker on Redis.
CELERY_TASK_ALWAYS_EAGER = True
# Webhook tests post to a receiver on loopback; the refusals switch this off themselves.
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True
# The e-mail limits count in the local-memory cache, which outlives each test; tests of the
# limits themselves (tests/members/test_views_people.py) set low rates and clear it.
MAIL_RATE_PER_ADDRESS = "10000/second"
MAIL_RATE_PER_CLIENT = "10000/second"
# Files the site stores (share images) stay in memory, never on the disk.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
