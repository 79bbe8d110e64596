"""Delivering webhooks (webhooks/services.py and webhooks/tasks.py) to a real receiver on
loopback: signed JSON, retries with backoff on network errors, timeouts, 5xx and 429, no
retry on other answers, each event once however often its task runs, endpoints switched off
after repeated failures with the organizers told, resending, test pings and switching an
endpoint on again."""

import json
import socket

import pytest
from django.core import mail

from members.models import OutgoingEmail
from tests.factories import OrganizerFactory, UserFactory
from tests.webhooks.conftest import make_endpoint
from tests.webhooks.test_signing import verify
from webhooks.emit import WebhookEvent, webhook_emit
from webhooks.models import Delivery, EventType
from webhooks.services import (
    delivery_resend,
    endpoint_enable,
    endpoint_ping,
)
from webhooks.tasks import webhook_deliver

pytestmark = pytest.mark.django_db

RELEASED = EventType.SCHEDULE_RELEASED


@pytest.fixture(autouse=True)
def limits(settings):
    settings.WEBHOOK_MAX_RETRIES = 3
    settings.WEBHOOK_DISABLE_AFTER_FAILURES = 50
    settings.WEBHOOK_TIMEOUT_SECONDS = 5


def emit(capture, data: dict | None = None) -> list[int]:
    """Emit one schedule.released event and run the tasks queued on commit."""
    with capture(execute=True):
        return webhook_emit(events=[WebhookEvent(type=RELEASED, data=data or {"version": "1.0"})])


def test_delivery_posts_signed_json_that_a_receiver_verifies(
    receiver, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver.url)

    [pk] = emit(django_capture_on_commit_callbacks, {"version": "1.0", "note": "Café"})

    [request] = receiver.requests
    delivery = Delivery.objects.get(pk=pk)
    body = json.loads(request.body)
    assert verify(secret=endpoint.secret, headers=request.headers, body=request.body.encode())
    assert request.headers["Webhook-Id"] == delivery.event_id
    assert request.headers["Content-Type"] == "application/json"
    assert (body["type"], body["id"], body["data"]) == (
        "schedule.released",
        delivery.event_id,
        {"version": "1.0", "note": "Café"},
    )
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("succeeded", 1, 200)
    assert delivery.response_excerpt == "answered 200"
    assert delivery.delivered_at is not None


@pytest.mark.parametrize("failures", [[500, 503], [429], [502, 429, 500]])
def test_5xx_and_429_are_retried_with_the_same_id_and_body(
    receiver, django_capture_on_commit_callbacks, failures
):
    endpoint = make_endpoint(receiver.url)
    receiver.statuses = list(failures)

    [pk] = emit(django_capture_on_commit_callbacks)

    delivery = Delivery.objects.get(pk=pk)
    endpoint.refresh_from_db()
    assert len(receiver.requests) == len(failures) + 1
    assert {r.headers["Webhook-Id"] for r in receiver.requests} == {delivery.event_id}
    assert {r.body for r in receiver.requests} == {delivery.payload}
    assert (delivery.status, delivery.attempts) == ("succeeded", len(failures) + 1)
    assert endpoint.consecutive_failures == 0


@pytest.mark.parametrize("status", [400, 404, 410, 302])
def test_other_answers_fail_at_once_without_retry(
    receiver, django_capture_on_commit_callbacks, status
):
    make_endpoint(receiver.url)
    receiver.statuses = [status]

    [pk] = emit(django_capture_on_commit_callbacks)

    delivery = Delivery.objects.get(pk=pk)
    assert len(receiver.requests) == 1
    assert (delivery.status, delivery.response_status) == ("failed", status)
    assert f"answered {status}" in delivery.error


def test_delivery_gives_up_after_the_last_retry(receiver, django_capture_on_commit_callbacks):
    make_endpoint(receiver.url)
    receiver.statuses = [500] * 10

    [pk] = emit(django_capture_on_commit_callbacks)

    delivery = Delivery.objects.get(pk=pk)
    assert len(receiver.requests) == 4  # the first attempt and WEBHOOK_MAX_RETRIES = 3
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("failed", 4, 500)


def test_a_refused_connection_is_retried_then_fails(django_capture_on_commit_callbacks):
    with socket.socket() as probe:  # a port with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    make_endpoint(f"http://127.0.0.1:{port}/hook")

    [pk] = emit(django_capture_on_commit_callbacks)

    delivery = Delivery.objects.get(pk=pk)
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("failed", 4, None)
    assert "No answer" in delivery.error


def test_a_receiver_slower_than_the_timeout_counts_as_a_failure(
    receiver, django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    settings.WEBHOOK_MAX_RETRIES = 0
    receiver.delay = 1.5
    make_endpoint(receiver.url)

    [pk] = emit(django_capture_on_commit_callbacks)

    delivery = Delivery.objects.get(pk=pk)
    assert delivery.status == "failed"
    assert "timed out" in delivery.error.lower()


def test_running_a_delivered_task_again_sends_nothing(receiver, django_capture_on_commit_callbacks):
    make_endpoint(receiver.url)
    [pk] = emit(django_capture_on_commit_callbacks)

    webhook_deliver.apply(args=(pk,))
    webhook_deliver.apply(args=(pk,))

    assert len(receiver.requests) == 1
    assert Delivery.objects.get(pk=pk).attempts == 1


def test_endpoint_is_disabled_after_repeated_failures_and_organizers_are_mailed(
    receiver, django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOK_DISABLE_AFTER_FAILURES = 3
    settings.WEBHOOK_MAX_RETRIES = 10
    organizer = OrganizerFactory(email="olga@example.org")
    UserFactory(email="not-an-organizer@example.org")
    endpoint = make_endpoint(receiver.url)
    receiver.statuses = [500] * 20

    [pk] = emit(django_capture_on_commit_callbacks)

    endpoint.refresh_from_db()
    delivery = Delivery.objects.get(pk=pk)
    assert len(receiver.requests) == 3
    assert (endpoint.active, endpoint.consecutive_failures) == (False, 3)
    assert "3 failed attempts in a row" in endpoint.disabled_reason
    assert "500" in endpoint.disabled_reason
    assert delivery.status == "failed"
    assert [message.to for message in mail.outbox] == [[organizer.email]]
    assert receiver.url in mail.outbox[0].subject
    assert f"/admin/webhooks/endpoint/{endpoint.pk}/change/" in mail.outbox[0].body


def test_a_disabled_endpoint_gets_no_new_events_and_its_pending_ones_fail_unsent(
    receiver, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver.url)
    with django_capture_on_commit_callbacks(execute=False):
        [pending] = webhook_emit(events=[WebhookEvent(type=RELEASED, data={})])
    endpoint.active = False
    endpoint.save(update_fields=["active"])

    webhook_deliver.apply(args=(pending,))
    later = emit(django_capture_on_commit_callbacks)

    assert later == []
    assert receiver.requests == []
    assert Delivery.objects.get(pk=pending).status == "failed"


def test_successes_clear_the_failure_count(receiver, django_capture_on_commit_callbacks):
    endpoint = make_endpoint(receiver.url)
    receiver.statuses = [500, 500]

    emit(django_capture_on_commit_callbacks)

    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 0


def test_a_host_that_now_resolves_to_a_private_address_is_not_posted_to(
    monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    answers = ["93.184.215.14"]

    def getaddrinfo(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[0], port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    make_endpoint("https://hooks.example.com/in")
    answers[0] = "10.0.0.7"  # the DNS answer changed after the endpoint was saved

    [pk] = emit(django_capture_on_commit_callbacks)

    delivery = Delivery.objects.get(pk=pk)
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("failed", 1, None)
    assert "10.0.0.7" in delivery.error


def test_resending_a_failed_delivery_sends_the_same_event_again(
    receiver, django_capture_on_commit_callbacks
):
    make_endpoint(receiver.url)
    receiver.statuses = [400]
    [pk] = emit(django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        delivery_resend(delivery=Delivery.objects.get(pk=pk))

    delivery = Delivery.objects.get(pk=pk)
    first, second = receiver.requests
    assert first.headers["Webhook-Id"] == second.headers["Webhook-Id"] == delivery.event_id
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("succeeded", 2, 200)


def test_a_ping_reaches_even_a_disabled_endpoint_and_is_not_retried(
    receiver, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver.url)
    endpoint.active = False
    endpoint.save(update_fields=["active"])
    receiver.statuses = [503]

    with django_capture_on_commit_callbacks(execute=True):
        delivery = endpoint_ping(endpoint=endpoint)

    delivery.refresh_from_db()
    [request] = receiver.requests
    assert json.loads(request.body)["type"] == "webhook.ping"
    assert verify(secret=endpoint.secret, headers=request.headers, body=request.body.encode())
    assert (delivery.status, delivery.response_status) == ("failed", 503)


def test_switching_an_endpoint_on_again_clears_its_failures(
    receiver, django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOK_DISABLE_AFTER_FAILURES = 1
    endpoint = make_endpoint(receiver.url)
    receiver.statuses = [400]
    emit(django_capture_on_commit_callbacks)
    endpoint.refresh_from_db()
    assert not endpoint.active

    endpoint_enable(endpoint=endpoint)
    emit(django_capture_on_commit_callbacks)

    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.consecutive_failures, endpoint.disabled_reason) == (
        True,
        0,
        "",
    )
    assert [d.status for d in Delivery.objects.order_by("pk")] == ["failed", "succeeded"]
    assert OutgoingEmail.objects.count() == 0  # nobody to tell: no organizers in this test
