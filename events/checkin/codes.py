"""The check-in code printed on a badge: the registration's id and an HMAC of it, in
Crockford base32 so that staff can type it from the badge (`16J-A3KX9-QP2MZ`).

The MAC covers the registration's id and its person, keyed by SECRET_KEY with a purpose
salt of its own: a code cannot be made without the key, a code for one registration is no
good for another, and a registration handed to another person gets a new code. Fifty bits
of MAC make guessing a valid code hopeless at the rate a door can be scanned.
"""

import base64
import re

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "guildhall.checkin.code"
MAC_LENGTH = 10  # base32 characters: 50 bits
# Crockford's alphabet: no I, L, O or U, so nothing typed can be misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-_.]+")
MAX_INPUT = 40


def _b32(number: int) -> str:
    digits = []
    while True:
        number, rest = divmod(number, 32)
        digits.append(ALPHABET[rest])
        if not number:
            return "".join(reversed(digits))


def _mac(registration_id: int, user_id: int, secret: str | None = None) -> str:
    digest = salted_hmac(
        SALT, f"{registration_id}:{user_id}", secret=secret, algorithm="sha256"
    ).digest()
    # RFC 4648 base32 mapped onto Crockford's alphabet, cut to 50 bits.
    standard = base64.b32encode(digest).decode()[:MAC_LENGTH]
    return standard.translate(str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", ALPHABET))


def checkin_code(*, registration_id: int, user_id: int) -> str:
    """The code of a registration as printed: its id, then the MAC in two groups of five."""
    mac = _mac(registration_id, user_id)
    return f"{_b32(registration_id)}-{mac[:5]}-{mac[5:]}"


def checkin_code_registration_id(code: str) -> int | None:
    """The registration id a code names, or None when it cannot be a code at all. The MAC is
    not checked here (`checkin_code_matches` does, once the registration is loaded)."""
    if not isinstance(code, str) or len(code) > MAX_INPUT:
        return None
    compact = _SEPARATORS.sub("", code).upper().translate(_READ_AS)
    if len(compact) <= MAC_LENGTH or any(ch not in ALPHABET for ch in compact):
        return None
    number = 0
    for ch in compact[:-MAC_LENGTH]:
        number = number * 32 + ALPHABET.index(ch)
    # Ids fit a 63-bit integer; anything longer cannot name a registration.
    return number if 0 < number < 2**63 else None


def checkin_code_matches(code: str, *, registration_id: int, user_id: int) -> bool:
    """Whether the code is the registration's, compared in constant time. Codes made with a
    key in SECRET_KEY_FALLBACKS still match, so rotating the key does not void the badges
    already printed until the old key is dropped."""
    given = _SEPARATORS.sub("", code).upper().translate(_READ_AS)[-MAC_LENGTH:]
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return any(
        constant_time_compare(given, _mac(registration_id, user_id, secret)) for secret in secrets
    )
