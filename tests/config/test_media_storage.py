"""Where photos, logos and share images are kept in production: MEDIA_ROOT by default, an
S3-compatible bucket (django-storages) when MEDIA_S3_BUCKET is set, its address allowed as an
image source."""

import json
import os
import subprocess
import sys

from tests.config.test_settings import CLEARED, ROOT

PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'default': settings.STORAGES['default'], "
    "'media_url': settings.MEDIA_URL, "
    "'img_src': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))"
)
MEDIA = ("MEDIA_URL", "MEDIA_S3_BUCKET", "MEDIA_S3_ENDPOINT_URL", "MEDIA_S3_REGION")


def probe(**env: str) -> subprocess.CompletedProcess:
    """The production settings' storage, as a fresh process reads them from `env`."""
    clean = {key: value for key, value in os.environ.items() if key not in (*CLEARED, *MEDIA)}
    clean.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="a-real-secret",
        ALLOWED_HOSTS="guildhall.example.org",
        **env,
    )
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_production_keeps_files_in_media_root_by_default():
    result = probe()

    assert result.returncode == 0, result.stderr
    settings = json.loads(result.stdout)
    assert settings["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert settings["media_url"] == "/media/"
    assert settings["img_src"] == ["'self'"]


def test_production_with_a_bucket_uses_s3_storage_at_media_url():
    result = probe(
        MEDIA_S3_BUCKET="guildhall-media",
        MEDIA_S3_ENDPOINT_URL="https://s3.example.net",
        MEDIA_S3_REGION="eu-1",
        MEDIA_URL="https://media.example.org/guildhall/",
    )

    assert result.returncode == 0, result.stderr
    settings = json.loads(result.stdout)
    assert settings["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    options = settings["default"]["OPTIONS"]
    assert (
        options["bucket_name"],
        options["endpoint_url"],
        options["region_name"],
        options["custom_domain"],
        options["querystring_auth"],
    ) == ("guildhall-media", "https://s3.example.net", "eu-1", "media.example.org/guildhall", False)
    assert settings["img_src"] == ["'self'", "https://media.example.org"]


def test_production_with_a_bucket_refuses_a_relative_media_url():
    result = probe(MEDIA_S3_BUCKET="guildhall-media")

    assert result.returncode != 0
    assert "MEDIA_URL must be the bucket's public https:// address" in result.stderr
