"""What the views of every app share about the request: the type a `login_required` view is
given, and the client's address as the rate limits (login, API, e-mails) count it."""

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    """The request a login_required view is given: its user is signed in. For annotations
    only; Django still passes its own request class."""

    user: User


def client_address(request: HttpRequest) -> str:
    """The caller's IP address, as every rate limit counts it.

    Behind settings.TRUSTED_PROXY_COUNT proxies that each append to X-Forwarded-For, the
    client is the entry the outermost proxy appended; anything left of it was written by the
    client and could be anything. With no proxy (development, tests) the header is ignored.
    The rule is DRF's NUM_PROXIES rule, which production sets to the same count.
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    if count <= 0 or not forwarded.strip():
        return remote
    addresses = [address.strip() for address in forwarded.split(",")]
    return addresses[-min(count, len(addresses))]
