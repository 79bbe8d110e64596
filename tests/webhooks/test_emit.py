"""Emitting events (webhooks/emit.py): one delivery row per subscribed active endpoint,
written in the caller's transaction with the same body for every endpoint, in a constant
number of queries however many endpoints listen."""

import json

import pytest
from django.db import transaction

from tests.webhooks.conftest import make_endpoint
from webhooks.emit import WebhookEvent, webhook_emit
from webhooks.models import Delivery, EventType

pytestmark = pytest.mark.django_db

RELEASED, SESSION = EventType.SCHEDULE_RELEASED, EventType.SESSION_CHANGED


def test_each_event_goes_to_the_active_endpoints_that_chose_its_type():
    both = make_endpoint("https://a.example.com/hook", RELEASED, SESSION)
    releases = make_endpoint("https://b.example.com/hook", RELEASED)
    sessions = make_endpoint("https://c.example.com/hook", SESSION)
    switched_off = make_endpoint("https://d.example.com/hook", RELEASED)
    switched_off.active = False
    switched_off.save(update_fields=["active"])

    webhook_emit(
        events=[
            WebhookEvent(type=RELEASED, data={"version": "1.0"}),
            WebhookEvent(type=SESSION, data={"change": "moved"}),
        ]
    )

    rows = sorted(Delivery.objects.values_list("endpoint_id", "event_type"))
    assert rows == sorted(
        [(both.pk, RELEASED), (releases.pk, RELEASED), (both.pk, SESSION), (sessions.pk, SESSION)]
    )


def test_one_event_has_one_id_and_one_body_for_every_endpoint():
    make_endpoint("https://a.example.com/hook")
    make_endpoint("https://b.example.com/hook")

    webhook_emit(events=[WebhookEvent(type=RELEASED, data={"version": "1.0"})])

    rows = list(Delivery.objects.values_list("event_id", "payload"))
    assert len(rows) == 2
    assert len(set(rows)) == 1
    event_id, payload = rows[0]
    body = json.loads(payload)
    assert set(body) == {"id", "type", "timestamp", "data"}
    assert (body["id"], body["type"], body["data"]) == (event_id, RELEASED, {"version": "1.0"})


def test_a_rolled_back_change_sends_nothing():
    make_endpoint("https://a.example.com/hook")

    def failing_change() -> None:
        with transaction.atomic():
            webhook_emit(events=[WebhookEvent(type=RELEASED, data={})])
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        failing_change()

    assert not Delivery.objects.exists()


def test_an_unknown_event_type_is_a_programming_error():
    with pytest.raises(ValueError, match="Unknown webhook event type"):
        webhook_emit(events=[WebhookEvent(type="schedule.exploded", data={})])


@pytest.mark.parametrize("endpoints", [1, 20])
def test_fan_out_takes_the_same_queries_for_one_endpoint_or_many(
    endpoints, django_assert_num_queries, django_capture_on_commit_callbacks
):
    for number in range(endpoints):
        make_endpoint(f"https://hooks{number}.example.com/in", RELEASED, SESSION)
    events = [WebhookEvent(type=RELEASED, data={})] + [
        WebhookEvent(type=SESSION, data={"n": n}) for n in range(2)
    ]

    # The endpoints, then one insert inside a savepoint (SAVEPOINT, INSERT, RELEASE). (SQLite
    # splits an insert of more than 76 rows into batches, as every bulk_create there does.)
    with django_capture_on_commit_callbacks() as callbacks, django_assert_num_queries(4):
        webhook_emit(events=events)

    assert Delivery.objects.count() == 3 * endpoints
    assert len(callbacks) == 1  # one callback queues every delivery's task
