"""Signing deliveries the Standard Webhooks way (standardwebhooks.com): the secret is
`whsec_` and base64 of random bytes, and each request carries `Webhook-Id`,
`Webhook-Timestamp` and `Webhook-Signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`,
so receivers can verify with any of that convention's libraries. Pure: no Django, no database.
"""

import base64
import hashlib
import hmac
import secrets

SECRET_PREFIX = "whsec_"  # noqa: S105 - the format's prefix, not a secret
SECRET_BYTES = 32


def secret_generate() -> str:
    """A new signing secret (what the organizer copies into the receiving system)."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def signature(*, secret: str, message_id: str, timestamp: int, body: str) -> str:
    """The `Webhook-Signature` value of one request: `v1,` and the base64 HMAC-SHA256, keyed
    with the secret's decoded bytes, of the id, the Unix timestamp and the exact body."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{message_id}.{timestamp}.{body}".encode()
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def signed_headers(*, secret: str, message_id: str, timestamp: int, body: str) -> dict[str, str]:
    """The headers that let a receiver check who sent the body, and when."""
    return {
        "Content-Type": "application/json",
        "Webhook-Id": message_id,
        "Webhook-Timestamp": str(timestamp),
        "Webhook-Signature": signature(
            secret=secret, message_id=message_id, timestamp=timestamp, body=body
        ),
    }
