"""Webhook addresses (webhooks/validators.py): http and https only; in production no host
that is, or resolves to, a loopback, private, link-local, shared or reserved address; a
setting allows them in development. The host is looked up again at delivery."""

import socket

import pytest
from django.core.exceptions import ValidationError

from webhooks.models import Endpoint, EventType
from webhooks.services import endpoint_save
from webhooks.validators import validate_webhook_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False


def resolving_to(monkeypatch, address: str) -> None:
    """Make every host name resolve to `address`, as a DNS server would."""

    def getaddrinfo(host, port, *args, **kwargs):
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def refusal(url: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_webhook_url(url)
    return caught.value


@pytest.mark.parametrize(
    "url", ["ftp://example.com/hook", "javascript:alert(1)", "file:///etc/passwd", "example.com"]
)
def test_schemes_other_than_http_and_https_are_refused(url, production):
    error = refusal(url)

    assert error.code == "scheme"
    assert "https://" in error.messages[0]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://[::1]/hook",
        "https://10.1.2.3/hook",
        "https://172.16.0.1/hook",
        "https://192.168.1.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/hook",
        "http://0.0.0.0/hook",
        "http://240.0.0.1/hook",
        "http://[fe80::1]/hook",
        "http://[fc00::1]/hook",
        "http://[::ffff:10.0.0.1]/hook",
        "http://224.0.0.1/hook",
        "http://localhost:8000/hook",
        "http://api.localhost/hook",
    ],
)
def test_private_loopback_link_local_and_reserved_addresses_are_refused(url, production):
    error = refusal(url)

    assert error.code == "private"
    assert "Use a public address" in error.messages[0] or "localhost" in error.messages[0]


def test_a_host_resolving_to_a_private_address_is_refused(monkeypatch, production):
    resolving_to(monkeypatch, "10.0.0.5")

    error = refusal("https://hooks.example.com/in")

    assert error.code == "private"
    assert "10.0.0.5" in error.messages[0]


def test_a_host_resolving_to_a_public_address_is_accepted(monkeypatch, production):
    resolving_to(monkeypatch, "93.184.215.14")

    validate_webhook_url("https://hooks.example.com/in")


def test_a_host_that_does_not_resolve_is_refused_clearly(monkeypatch, production):
    def getaddrinfo(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)

    error = refusal("https://no-such-host.example/in")

    assert error.code == "unresolvable"
    assert "could not be found" in error.messages[0]


def test_the_development_setting_allows_private_addresses(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True

    validate_webhook_url("http://127.0.0.1:8000/hook")


def test_the_development_setting_still_refuses_other_schemes(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True

    assert refusal("ftp://127.0.0.1/hook").code == "scheme"


def test_registering_a_private_address_fails_at_the_url_field_and_saves_nothing(production):
    endpoint = Endpoint(url="http://192.168.0.10/hook", event_types=[EventType.SCHEDULE_RELEASED])

    with pytest.raises(ValidationError) as caught:
        endpoint_save(endpoint=endpoint)

    assert "url" in caught.value.message_dict
    assert not Endpoint.objects.exists()


def test_registering_needs_at_least_one_known_event_type():
    with pytest.raises(ValidationError) as caught:
        endpoint_save(endpoint=Endpoint(url="https://example.com/hook", event_types=[]))
    with pytest.raises(ValidationError) as unknown:
        endpoint_save(endpoint=Endpoint(url="https://example.com/hook", event_types=["x.y"]))

    assert "event_types" in caught.value.message_dict
    assert "event_types" in unknown.value.message_dict
    assert not Endpoint.objects.exists()
