"""Settings for `make bench`: the production middleware and caching on one machine, with a
throwaway secret key, mail kept in memory and the API's throttles out of the way (the
benchmark asks the same question hundreds of times)."""

import os
import secrets

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ["API_THROTTLE_ANON"] = "1000000/minute"
os.environ["API_THROTTLE_USER"] = "1000000/minute"

from config.settings.base import *  # noqa: F403 - extends the base settings wholesale
from config.settings.base import DATABASES

DEBUG = False
ALLOWED_HOSTS = ["testserver"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Warnings from Django; the benchmark's progress (logger "bench") on stderr.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"bench": {"level": "INFO"}},
}
AXES_ENABLED = False
# The benchmark measures in databases of its own, made and dropped like the test suite's
# but not named like them (a test run may be going on beside it), never in the one
# DATABASE_URL names. On SQLite that is a file, as in production.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["GUILDHALL_BENCH_SQLITE"]}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"bench_{DATABASES['default']['NAME']}"}
