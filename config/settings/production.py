"""Settings for a deployment behind a TLS-terminating proxy (nginx in docs/deployment.md).

DEBUG is always off here, whatever the environment says; SECRET_KEY must be set and
ALLOWED_HOSTS must name the site's host names. Configured as the README says,
`manage.py check --deploy` reports nothing. The environment is read in base.py.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403 - extends the base settings wholesale
from .base import (
    DEVELOPMENT_SECRET_KEY,
    MEDIA_S3_BUCKET,
    MEDIA_S3_ENDPOINT_URL,
    MEDIA_S3_REGION,
    MEDIA_URL,
    MIDDLEWARE,
    PRODUCTION_HSTS_PRELOAD,
    PRODUCTION_HSTS_SECONDS,
    PRODUCTION_PROXY_COUNT,
    PRODUCTION_SSL_REDIRECT,
    PRODUCTION_WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
    REST_FRAMEWORK,
    SECRET_KEY,
)

DEBUG = False
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = PRODUCTION_WEBHOOK_ALLOW_PRIVATE_ADDRESSES
if SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")

# The proxy terminates TLS and says so in X-Forwarded-Proto; it must overwrite any value a
# client sent (the nginx configuration in deploy/ does).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = PRODUCTION_SSL_REDIRECT
SECURE_HSTS_SECONDS = PRODUCTION_HSTS_SECONDS
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = PRODUCTION_HSTS_PRELOAD

# Cookies only over HTTPS; the __Host- prefix also binds them to this exact host and path.
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"

# Static files from the app servers themselves, compressed, with hashed names cached forever.
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Photos, logos and share images in an S3-compatible bucket (docs/deployment.md): every app
# server sees the same files without a shared volume, and browsers fetch the pictures from
# the bucket's public address (MEDIA_URL), which img-src allows.
if MEDIA_S3_BUCKET:
    _media = urlsplit(MEDIA_URL)
    if _media.scheme != "https" or not _media.netloc:
        raise ImproperlyConfigured(
            "With MEDIA_S3_BUCKET, MEDIA_URL must be the bucket's public https:// address."
        )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": MEDIA_S3_ENDPOINT_URL,
            "region_name": MEDIA_S3_REGION,
            # Public, unsigned addresses under MEDIA_URL; the names carry content digests,
            # so a name's bytes never change and may be cached for good.
            "custom_domain": f"{_media.netloc}{_media.path}".rstrip("/"),
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }

# Every rate limit (login, API, sign-up and password-reset mails) counts the client's
# address, which the proxy appends to X-Forwarded-For (members.http.client_address).
TRUSTED_PROXY_COUNT = PRODUCTION_PROXY_COUNT
REST_FRAMEWORK = {**REST_FRAMEWORK, "NUM_PROXIES": TRUSTED_PROXY_COUNT}
