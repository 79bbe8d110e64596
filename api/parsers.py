"""DRF's parsers with Django's request size limit: a body longer than
settings.DATA_UPLOAD_MAX_MEMORY_SIZE is refused with a 413 before it is read.

DRF hands its parsers the raw request stream, so Django's own check (RequestDataTooBig,
raised when request.body or request.POST is read) never runs for a JSON body. This module
imports nothing from rest_framework.views, which reads the parser setting at import time.
"""

from django.conf import settings
from rest_framework import exceptions, parsers, status


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is larger than this API accepts."
    default_code = "request_too_large"


class _BodySizeLimit:
    """Refuse a body longer than settings.DATA_UPLOAD_MAX_MEMORY_SIZE before reading it."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        request = (parser_context or {}).get("request")
        if limit is not None and request is not None:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                raise RequestTooLarge()
        return super().parse(stream, media_type, parser_context)  # type: ignore[misc]  # mixin


class JSONParser(_BodySizeLimit, parsers.JSONParser):
    """DRF's JSON parser under the size limit."""


class FormParser(_BodySizeLimit, parsers.FormParser):
    """DRF's form parser under the size limit (the browsable API's forms)."""


class MultiPartParser(_BodySizeLimit, parsers.MultiPartParser):
    """DRF's multipart parser under the size limit. The API takes no files, so the whole
    body counts (Django's own multipart check, which leaves files out, also raises
    RequestDataTooBig, which the exception handler maps to the same 413)."""
