"""The e-mail limits (members/services/mail_limits.py): counted per recipient and per
client address within a period, case-insensitively, separately for each purpose."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, ValidationError

from members.services.mail_limits import mail_allowance_take


@pytest.fixture(autouse=True)
def rates(settings):
    settings.MAIL_RATE_PER_ADDRESS = "2/hour"
    settings.MAIL_RATE_PER_CLIENT = "3/hour"
    cache.clear()
    yield
    cache.clear()


def take(email: str = "ada@orbit.example", ip: str = "192.0.2.10", purpose: str = "signup"):
    try:
        mail_allowance_take(purpose=purpose, email=email, client_ip=ip)
    except ValidationError as error:
        return error.code
    return "sent"


def test_mail_allowance_per_address_ignores_case():
    answers = [take("ada@orbit.example", ip="192.0.2.1"), take("ADA@Orbit.example", ip="192.0.2.2")]

    assert [*answers, take(" ada@orbit.example", ip="192.0.2.3")] == [
        "sent",
        "sent",
        "too_many_mails",
    ]


def test_mail_allowance_per_client_address():
    answers = [take(f"person{n}@orbit.example") for n in range(4)]

    assert answers == ["sent", "sent", "sent", "too_many_mails"]


def test_mail_allowance_counted_per_purpose():
    take()
    take()

    assert (take(), take(purpose="password_reset")) == ("too_many_mails", "sent")


def test_mail_allowance_with_a_malformed_rate_refused(settings):
    settings.MAIL_RATE_PER_ADDRESS = "lots"

    with pytest.raises(ImproperlyConfigured):
        take()
