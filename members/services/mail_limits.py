"""Limits on the e-mails anyone can ask the site to send (sign-up links, password-reset
links): so many per recipient address and so many per client address in a period.

The client address is the one login throttling and the API's throttles count
(members.http.client_address). Counts live in the cache, which every app server shares
when REDIS_URL is set, as the API's throttle counts do. A refusal reads the same whether
or not the address has an account, so it tells no one which addresses are registered.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, ValidationError

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def _rate(setting: str) -> tuple[int, int]:
    """ "5/hour" → (5, 3600)."""
    value = str(getattr(settings, setting))
    count, _, period = value.partition("/")
    if not count.strip().isdigit() or period.strip() not in PERIODS:
        raise ImproperlyConfigured(f"{setting} must look like 5/hour, not {value!r}.")
    return int(count), PERIODS[period.strip()]


def _take(key: str, setting: str, now: float) -> bool:
    """Count one more under `key` in the current window; whether it is within the rate."""
    allowed, period = _rate(setting)
    window = int(now // period)
    full_key = f"mail-limit:{key}:{window}"
    cache.add(full_key, 0, timeout=period)
    try:
        used = cache.incr(full_key)
    except ValueError:  # expired between add and incr
        cache.add(full_key, 1, timeout=period)
        used = 1
    return used <= allowed


def mail_allowance_take(*, purpose: str, email: str, client_ip: str) -> None:
    """Count an e-mail of `purpose` ("signup", "password_reset") to `email` asked for from
    `client_ip`; ValidationError (code "too_many_mails") when either count is over its rate
    (settings.MAIL_RATE_PER_ADDRESS, MAIL_RATE_PER_CLIENT). Call it before sending.
    """
    address = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    now = time.time()
    # Both are counted even when the first is over: a refused caller keeps counting.
    per_address = _take(f"{purpose}:address:{address}", "MAIL_RATE_PER_ADDRESS", now)
    per_client = _take(f"{purpose}:client:{client_ip}", "MAIL_RATE_PER_CLIENT", now)
    if not (per_address and per_client):
        raise ValidationError(
            "Too many e-mails were asked for this address or from your network. "
            "Try again later, and look for the ones already sent in your spam folder.",
            code="too_many_mails",
        )
