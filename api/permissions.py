"""Who is calling and what they may do: API-token authentication, the role permissions,
and the throttles (anonymous callers get a lower rate than signed-in ones).

The roles are the site's (members.roles); an object outside the caller's view is not
refused here but left out of the view's queryset, so it answers 404.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from rest_framework import exceptions, permissions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from members.http import client_address
from members.models import ApiToken, Member
from members.roles import is_checkin_staff, is_organizer, is_reviewer
from members.services.api_tokens import api_token_touch

TOKEN_KEYWORDS = (b"token", b"bearer")


class ApiTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer <key>` (or `Token <key>`) with a key from the token page."""

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in TOKEN_KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the key as “Authorization: Bearer <key>”, with no spaces in the key."
            )
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed("This API token is not valid.") from error
        token = (
            ApiToken.objects.select_related("user").filter(digest=ApiToken.digest_of(key)).first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("This API token is not valid or was revoked.")
        api_token_touch(token=token, now=timezone.now())
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


def member_of(user: User | AnonymousUser) -> Member | None:
    """The caller's member profile, read once per request."""
    if not user.is_authenticated:
        return None
    # Kept on the user object, which lives as long as the request.
    cache = vars(user)
    if "_api_member" not in cache:
        cache["_api_member"] = Member.objects.select_related("company").filter(user=user).first()
    return cache["_api_member"]


def signed_in(user: User | AnonymousUser) -> User:
    """The caller of a view whose permissions turn anonymous callers away."""
    if not user.is_authenticated:
        raise exceptions.NotAuthenticated()
    return user


def member_required(user: User | AnonymousUser) -> Member:
    """The caller's member profile in a view that IsMember guards."""
    member = member_of(user)
    if member is None:
        raise exceptions.PermissionDenied(IsMember.message)
    return member


class IsMember(permissions.BasePermission):
    message = "Only people with a member profile can do this. Ask your company's primary contact."

    def has_permission(self, request, view) -> bool:
        return member_of(request.user) is not None


class IsReviewer(permissions.BasePermission):
    message = "Only the program committee can do this."

    def has_permission(self, request, view) -> bool:
        return is_reviewer(request.user)


class IsOrganizer(permissions.BasePermission):
    message = "Only organizers can do this."

    def has_permission(self, request, view) -> bool:
        return is_organizer(request.user)


class IsCheckinStaff(permissions.BasePermission):
    message = "Only organizers and check-in staff can do this."

    def has_permission(self, request, view) -> bool:
        return is_checkin_staff(request.user)


class _SettingsRate:
    """Read the rate from settings.API_THROTTLE_RATES on each request, so that the
    environment (and a test's override_settings) decides it, not import time."""

    scope: str | None  # set by the throttle class this is mixed into

    def get_rate(self) -> str:
        if self.scope is None:
            raise ImproperlyConfigured(f"{type(self).__name__} names no throttle scope.")
        return settings.API_THROTTLE_RATES[self.scope]

    def get_ident(self, request) -> str:
        # The address every rate limit counts: a client cannot start afresh by sending a new
        # X-Forwarded-For, which DRF believes wholesale unless told how many proxies append.
        return client_address(request)


class AnonThrottle(_SettingsRate, AnonRateThrottle):
    """Anonymous callers, counted by IP address."""


class UserThrottle(_SettingsRate, UserRateThrottle):
    """Signed-in callers and token holders, counted by user."""


class IsReviewerOrOrganizer(permissions.BasePermission):
    message = "Only the program committee and the organizers can do this."

    def has_permission(self, request, view) -> bool:
        return is_reviewer(request.user) or is_organizer(request.user)
