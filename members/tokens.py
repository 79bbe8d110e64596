"""Signed, expiring links sent by e-mail: sign-up verification and colleague invitations.

A link carries its payload signed with the site's secret key and a timestamp
(django.core.signing), so it needs no table of its own to be checked: whoever holds it
received the e-mail, and it stops working after its maximum age. Each kind of link has its
own salt, so one kind can never be used as another. Other apps' invitations (co-speakers)
can use `email_link_make` and `email_link_read` with a salt of their own.
"""

import datetime

from django.core import signing
from django.core.exceptions import ValidationError

SIGNUP_SALT = "members.signup"
INVITATION_SALT = "members.invitation"
SIGNUP_MAX_AGE = datetime.timedelta(days=3)
INVITATION_MAX_AGE = datetime.timedelta(days=14)


def email_link_make(payload: dict, *, salt: str) -> str:
    """A URL-safe token carrying `payload`, signed and timestamped now."""
    return signing.dumps(payload, salt=salt, compress=True)


def email_link_read(token: str, *, salt: str, max_age: datetime.timedelta) -> dict:
    """The payload of a token made by `email_link_make`; ValidationError, in words a person
    understands, when it is expired or was altered."""
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ValidationError(
            "This link has expired. Ask for a new one.", code="expired"
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(
            "This link is not valid. Check that you copied all of it from the e-mail.",
            code="invalid",
        ) from error
