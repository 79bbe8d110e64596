"""What every endpoint shares: the one error body every failure answers with (settings'
EXCEPTION_HANDLER), the JSON 404 for unknown paths, the doc pages' content security
policy, and the base viewsets whose get_queryset() gives what the caller may see."""

from csp.constants import NONCE, SELF
from csp.decorators import csp_update
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, viewsets
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from api.parsers import RequestTooLarge
from api.schema import ID_PATTERN

SLUG_PATTERN = "[-a-zA-Z0-9_]+"
UUID_PATTERN = "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"


def _flatten(errors, prefix: str = "") -> dict[str, list[str]]:
    """{"speakers": [{"member": ["…"]}]} → {"speakers.0.member": ["…"]}."""
    if isinstance(errors, dict):
        flat: dict[str, list[str]] = {}
        for key, value in errors.items():
            flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(errors, list) and any(isinstance(item, dict | list) for item in errors):
        flat = {}
        for index, value in enumerate(errors):
            flat.update(_flatten(value, f"{prefix}.{index}"))
        return flat
    messages = errors if isinstance(errors, list) else [errors]
    return {prefix: [str(message) for message in messages]} if messages else {}


def _first_code(codes) -> str:
    while isinstance(codes, dict | list):
        if not codes:
            return "invalid"
        codes = next(iter(codes.values())) if isinstance(codes, dict) else codes[0]
    return str(codes)


def error_body(
    *, status: int, code: str, detail: str, fields: dict[str, list[str]] | None = None
) -> dict:
    """The one body every API error answers with."""
    return {"status": status, "code": code, "detail": detail, "fields": fields or {}}


def exception_handler(exc, context):
    """Every error as {"status", "code", "detail", "fields"}, whatever raised it.

    A Django ValidationError from a service becomes a 400 whose dict keys are fields;
    a service's refusal for the caller's role (code "not_allowed", or Django's
    PermissionDenied) becomes a 403 with the service's message. A body over Django's
    size limit, wherever it was first read, is a 413.
    """
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, DjangoValidationError):
        if getattr(exc, "code", None) == "not_allowed":
            exc = exceptions.PermissionDenied(exc.messages[0])
        else:
            exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail, fields = exc.detail, {}
    if isinstance(exc, exceptions.ValidationError):
        errors = detail if isinstance(detail, dict) else {"non_field_errors": detail}
        fields = _flatten(errors)
        general = fields.pop("non_field_errors", [])
        message = " ".join(general) or "Some fields are not valid; see `fields`."
    else:
        message = str(detail)
    response.data = error_body(
        status=response.status_code,
        code=_first_code(exc.get_codes()),
        detail=message,
        fields=fields,
    )
    return response


# The doc pages load nothing from elsewhere. They get the site's whole policy (settings'
# CONTENT_SECURITY_POLICY: default-src, script-src and style-src 'self', frame-ancestors
# 'none', base-uri, form-action, …) widened only where the bundles need it: inline data:
# images and fonts in Swagger UI's and Redoc's CSS, Redoc's search worker, which it starts
# from a blob: URL, and Redoc's generated <style> elements, which carry the request's nonce
# (templates/api/redoc.html; a page that uses no nonce gets none in its policy). Two
# <style> elements Redoc's bundle adds before it knows the nonce are allowed by their hash:
# its scrollbar stylesheet and an empty one. A new Redoc changes the first hash; the browser
# test (tests/browser/test_api_docs.py) then reports the violation with the new hash.
# Redoc's decorative logo on its vendor's CDN stays blocked.
REDOC_STYLE_HASHES = [
    "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
]
DOCS_CONTENT_SECURITY_POLICY = {
    "img-src": ["data:"],
    "font-src": ["data:"],
    "style-src": [NONCE, *REDOC_STYLE_HASHES],
    "worker-src": [SELF, "blob:"],
}


def own_assets_only(view):
    """Wrap a doc page's view so that its response carries the site's policy plus
    DOCS_CONTENT_SECURITY_POLICY (django-csp's middleware writes the header)."""
    return csp_update(DOCS_CONTENT_SECURITY_POLICY)(view)


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([])
@throttle_classes([])
def not_found(request, path: str = ""):
    """Any other path under /api/: the JSON 404 rather than the site's HTML page."""
    raise exceptions.NotFound("There is no such API endpoint.")


class VisibleQuerysetMixin(generics.GenericAPIView):
    """get_queryset() gives what the caller may see: `visible_queryset()`, or the empty
    `queryset` while drf-spectacular inspects the view without a real caller."""

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False) or not hasattr(self, "visible_queryset"):
            return super().get_queryset()
        return self.visible_queryset()


class PublicReadViewSet(VisibleQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID_PATTERN
