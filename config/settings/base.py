"""Settings shared by every mode, read from the environment in this one place.

The defaults suit development on one machine: an SQLite file beside the code, e-mail printed
to the console and a local-memory cache. Production sets DATABASE_URL, REDIS_URL and the
e-mail variables, and must set SECRET_KEY: without DEBUG there is no default for it.
"""

import datetime
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    normalized = value.strip().lower()
    if normalized in {"1", "true", "yes", "on"}:
        return True
    if normalized in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105 - DEBUG only
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (DEBUG=1 gives a development key)."
        )
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
# Earlier keys, newest first: sessions, password-reset links and signed values made with them
# stay valid while SECRET_KEY is rotated (docs/operations.md).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "import_export",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "members",
    # Before events: the role groups are given audit's permissions when events has migrated.
    "audit",
    "webhooks",
    "events",
    "api",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the database: a NUL in the query string is a 400 (PostgreSQL
    # refuses NUL in text).
    "config.middleware.refuse_nul_in_query",
    # ETags on every GET, so browsers, proxies and calendar apps revalidate cheaply; an ETag
    # is a hash of the content, so every app server gives the same one for the same page.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out login before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'guildhall.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take SQLite's write lock at BEGIN, so the check-then-write
    # services (scheduling, memberships) are serialised exactly as row locks do on PostgreSQL.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "guildhall",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions live in the database, read through the shared cache where there is one: any app
# server can serve any request.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # Older hashes still verify, and are upgraded to argon2 at the next login.
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username
# from one address, that pair is refused for AXES_COOLOFF_TIME. Attempts are kept in the
# database, so every app server counts the same attempts.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client's address as every rate limit counts it (members.http.client_address).
AXES_CLIENT_IP_CALLABLE = "members.http.client_address"

# Sign-up and password-reset e-mails (members.services.mail_limits): at most so many per
# recipient address and per client address, in the shared cache like the API's throttles.
MAIL_RATE_PER_ADDRESS = os.environ.get("MAIL_RATE_PER_ADDRESS", "3/hour")
MAIL_RATE_PER_CLIENT = os.environ.get("MAIL_RATE_PER_CLIENT", "20/hour")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
# Files the site makes and keeps through Django's default storage (the sessions' share
# images, speaker photos, company logos). Every app server must see the same directory (a
# shared volume) unless STORAGES points at an object store (docs/deployment.md).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
# Where the stored files (speaker photos, company logos) are fetched from: /media/ on this
# site (`make run` serves it; in production nginx or the object store's address, see
# docs/deployment.md). An absolute address, such as a bucket's, joins the allowed image
# sources below.
MEDIA_URL = os.environ.get("MEDIA_URL") or "/media/"
# Uploaded photos and logos: larger files, and images of more pixels than this (however
# well compressed: a decompression bomb), are refused before they are decoded.
IMAGE_MAX_BYTES = int(os.environ.get("IMAGE_MAX_BYTES", str(5 * 1024 * 1024)))
IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", str(40_000_000)))
# Production only: keep those files in an S3-compatible bucket (django-storages, the `s3`
# extra) instead of MEDIA_ROOT; MEDIA_URL must then be the bucket's public address.
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
MEDIA_S3_ENDPOINT_URL = os.environ.get("MEDIA_S3_ENDPOINT_URL") or None
MEDIA_S3_REGION = os.environ.get("MEDIA_S3_REGION") or None
# The largest slides a speaker may upload (a PDF, kept in the default storage and served
# only through events.cfp.views.slides_download), in megabytes. deploy/nginx.conf takes
# request bodies up to 10 MB: raise its client_max_body_size with this.
SLIDES_MAX_BYTES = int(os.environ.get("SLIDES_MAX_MB", "10")) * 1024 * 1024


def _media_origin(url: str) -> list[str]:
    """The origin of an absolute MEDIA_URL (an object store's), for img-src."""
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


# Content-Security-Policy (django-csp): our own scripts, styles, images and fonts only; no
# inline script or style anywhere, no framing, forms post only to this site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, *_media_origin(MEDIA_URL)],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Read here, applied by config.settings.production (a development server has no TLS).
PRODUCTION_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
PRODUCTION_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
PRODUCTION_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
# How many proxies stand in front of the app servers and append to X-Forwarded-For.
PRODUCTION_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "1"))
# Without a proxy (development, tests) X-Forwarded-For is the client's own invention: every
# rate limit counts REMOTE_ADDR. Production trusts PRODUCTION_PROXY_COUNT proxies.
TRUSTED_PROXY_COUNT = 0

EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Guildhall <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background jobs (config/celery.py): Celery with the Redis of REDIS_URL as its broker; a
# worker (`celery -A config worker`, docs/deployment.md) runs them. Without REDIS_URL every
# task runs at once inside the process that queues it, so the embedded default needs no worker.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
# Results are not kept: a task's effect is in the database (the e-mail outbox).
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged when it has finished, so a worker that dies mid-task leaves it to be
# delivered again (tasks are idempotent); one at a time per worker process for the same reason.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis hands an unacknowledged task to another worker after this many seconds; longer than
# any task runs, and than the farthest countdown of a retry.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60}
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "guildhall")
CELERY_TIMEZONE = "UTC"

# E-mail goes out through one task (members.tasks.mail_send) from the outbox table: retried
# with exponential backoff (MAIL_RETRY_BACKOFF_SECONDS doubled per attempt, at most
# MAIL_MAX_RETRIES attempts after the first), sent in batches of MAIL_BATCH_SIZE over one
# connection. A message claimed by a worker that then died is sent again after
# MAIL_CLAIM_SECONDS (with the same Message-ID, so mail clients show it once).
MAIL_BATCH_SIZE = int(os.environ.get("MAIL_BATCH_SIZE", "100"))
MAIL_MAX_RETRIES = int(os.environ.get("MAIL_MAX_RETRIES", "8"))
MAIL_RETRY_BACKOFF_SECONDS = int(os.environ.get("MAIL_RETRY_BACKOFF_SECONDS", "30"))
MAIL_CLAIM_SECONDS = int(os.environ.get("MAIL_CLAIM_SECONDS", "600"))
# Mailings from the composer (docs/mail.md) leave at most MAIL_SEND_RATE messages a minute:
# each batch's task is held back by a countdown (0: no limit). Scheduled mailings are started
# by the beat task `events.tasks.mailings_send_due` every MAILINGS_DUE_CHECK_SECONDS.
MAIL_SEND_RATE = int(os.environ.get("MAIL_SEND_RATE", "600"))
MAILINGS_DUE_CHECK_SECONDS = int(os.environ.get("MAILINGS_DUE_CHECK_SECONDS", "60"))
# Periodic jobs, run by one `celery -A config beat` process beside the workers.
CELERY_BEAT_SCHEDULE = {
    # Invitations to evaluate, once a conference day's last talk has ended.
    "evaluation-invitations": {
        "task": "events.tasks.evaluation_invitations",
        "schedule": crontab(minute="*/15"),
    },
    "mailings-send-due": {
        "task": "events.tasks.mailings_send_due",
        "schedule": float(MAILINGS_DUE_CHECK_SECONDS),
    },
}

# Outgoing webhooks (docs/webhooks.md): each POST waits WEBHOOK_TIMEOUT_SECONDS; network
# errors, 5xx and 429 are retried with exponential backoff (WEBHOOK_RETRY_BACKOFF_SECONDS
# doubled per attempt, at most WEBHOOK_MAX_RETRIES retries); an endpoint is switched off
# after WEBHOOK_DISABLE_AFTER_FAILURES failed attempts in a row. Private, loopback and
# reserved addresses are refused unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES (default: DEBUG).
WEBHOOK_TIMEOUT_SECONDS = int(os.environ.get("WEBHOOK_TIMEOUT_SECONDS", "10"))
WEBHOOK_MAX_RETRIES = int(os.environ.get("WEBHOOK_MAX_RETRIES", "8"))
WEBHOOK_RETRY_BACKOFF_SECONDS = int(os.environ.get("WEBHOOK_RETRY_BACKOFF_SECONDS", "30"))
WEBHOOK_DISABLE_AFTER_FAILURES = int(os.environ.get("WEBHOOK_DISABLE_AFTER_FAILURES", "15"))
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", default=DEBUG)
# After an organizer rotates an endpoint's secret, the old one keeps signing (a second
# signature) for this many hours, so the receiver can switch without refusing deliveries.
WEBHOOK_SECRET_OVERLAP_HOURS = int(os.environ.get("WEBHOOK_SECRET_OVERLAP_HOURS", "24"))
# production.py: off unless the environment says so, whatever DEBUG was.
PRODUCTION_WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env_bool(
    "WEBHOOK_ALLOW_PRIVATE_ADDRESSES", default=False
)

SITE_NAME = os.environ.get("SITE_NAME", "Polaris Users' Group")
# The site's public address, for links made outside a request: e-mails sent by cron,
# the printed program's QR code. No trailing slash.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Paper of the printed programme (events/exports/program_pdf.py): A4 or LETTER (US Letter).
PROGRAM_PAGE_SIZE = os.environ.get("PROGRAM_PAGE_SIZE", "A4").strip().upper() or "A4"
if PROGRAM_PAGE_SIZE not in {"A4", "LETTER"}:
    raise ImproperlyConfigured(
        f"PROGRAM_PAGE_SIZE must be A4 or LETTER, not {os.environ['PROGRAM_PAGE_SIZE']!r}."
    )


# CSV imports: the uploaded file waits between preview and confirmation in the cache, which
# every app server shares (REDIS_URL), and each import runs in one transaction.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"
IMPORT_EXPORT_USE_TRANSACTIONS = True
# Without these the import and export pages open to any staff member, whatever their rights.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT stays off: it only drops a first "=", which leaves
# "==1+1", "+", "-" and "@" formulae live and alters the data. The admin's CSV format
# (members.csv_files.SafeCSV) escapes every export instead, in a way an import undoes.

# The REST API (api/): token first, so that an anonymous call to a members' endpoint
# answers 401 with a WWW-Authenticate header; the session serves the browsable API.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.permissions.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PagePagination",
    # DRF's parsers, refusing a body over DATA_UPLOAD_MAX_MEMORY_SIZE with a JSON 413.
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.JSONParser",
        "api.parsers.FormParser",
        "api.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["api.permissions.AnonThrottle", "api.permissions.UserThrottle"],
    # DRF's own reading of X-Forwarded-For follows TRUSTED_PROXY_COUNT (production sets both).
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.views.base.exception_handler",
    "DEFAULT_VERSIONING_CLASS": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Requests per caller and period (second, minute, hour or day): anonymous callers by IP
# address, signed-in callers and tokens by user. Kept in the cache, so shared by every app
# server when REDIS_URL is set.
API_THROTTLE_RATES = {
    "anon": os.environ.get("API_THROTTLE_ANON", "60/minute"),
    "user": os.environ.get("API_THROTTLE_USER", "600/minute"),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Guildhall API",
    "DESCRIPTION": (
        "Read the published conference data, and act as a member, reviewer or organizer "
        "with the same rules as the site. docs/api.md explains authentication, tokens, "
        "pagination, errors and throttling."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "IndustryEnum": "members.models.Industry",
        "SubmissionStateEnum": "events.models.Submission.State",
        "CaseStudyStateEnum": "members.models.CaseStudy.State",
        "AudienceLevelEnum": "events.models.Submission.AudienceLevel",
        "SlotKindEnum": "events.models.Slot.Kind",
        "PassTypeEnum": "events.models.Registration.PassType",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
        "api.schema.tighten_types",
    ],
    # The API takes JSON. DRF's form parsers stay for the browsable API's forms, but a
    # schema offering form and multipart bodies too makes client generators send each
    # field twice (openapi-python-client) or fail to import.
    "PARSER_WHITELIST": ["rest_framework.parsers.JSONParser"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
