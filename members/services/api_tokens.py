"""API tokens: created with a key shown once, revoked, and touched when used."""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from members.models import ApiToken

API_TOKENS_PER_USER = 10
# Writing last_used_at on every request would turn each API read into a write; once a
# minute is precise enough for an owner deciding which token is stale.
API_TOKEN_TOUCH_INTERVAL = datetime.timedelta(minutes=1)


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a new API token for the user; returns the row and the key, which is shown once.

    Refuses an empty or repeated name and more than API_TOKENS_PER_USER tokens. Only the
    key's digest is stored. Sends nothing.
    """
    key = ApiToken.KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip(), prefix=key[:10], digest=ApiToken.digest_of(key))
    with transaction.atomic():
        # The user's row lock keeps two concurrent requests from passing the limit together.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        if ApiToken.objects.filter(user=user).count() >= API_TOKENS_PER_USER:
            raise ValidationError(
                f"You already have {API_TOKENS_PER_USER} tokens; revoke one you no longer use.",
                code="too_many_tokens",
            )
        if ApiToken.objects.filter(user=user, name=token.name).exists():
            raise ValidationError({"name": f"You already have a token called “{token.name}”."})
        token.full_clean()
        token.save()
    return token, key


def api_token_revoke(*, token: ApiToken) -> None:
    """Delete the token: the next request that presents its key is refused."""
    token.delete()


def api_token_touch(*, token: ApiToken, now: datetime.datetime) -> None:
    """Record that the token was used, at most once per API_TOKEN_TOUCH_INTERVAL."""
    if token.last_used_at is None or now - token.last_used_at >= API_TOKEN_TOUCH_INTERVAL:
        token.last_used_at = now
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
