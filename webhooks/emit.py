"""The one way the other apps tell webhooks about a change: `webhook_emit`, called by their
services with plain data (ids, titles, ISO dates) in the transaction of the change.

It writes one Delivery row per subscribed active endpoint in that transaction (so a change
that rolls back sends nothing) and queues the delivery task once it commits. This module
imports only webhooks' models, so that members and events depend on nothing else of it
(import-linter checks this: pyproject.toml).
"""

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from webhooks.models import Delivery, Endpoint, EventType

__all__ = ["EventType", "WebhookEvent", "webhook_emit", "webhook_endpoints_count"]


@dataclass(frozen=True)
class WebhookEvent:
    """One thing that happened: its type (an EventType value) and its JSON-ready data."""

    type: str
    data: dict[str, Any]


def event_id_new() -> str:
    return f"msg_{uuid.uuid4().hex}"


def payload_dump(*, event_id: str, event_type: str, data: dict[str, Any], at=None) -> str:
    """The body of a delivery, in the Standard Webhooks shape: type, timestamp, data (and the
    id, also sent as the Webhook-Id header)."""
    at = at or timezone.now()
    return json.dumps(
        {"id": event_id, "type": event_type, "timestamp": at.isoformat(), "data": data},
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        separators=(",", ":"),
    )


def webhook_emit(*, events: Sequence[WebhookEvent]) -> list[int]:
    """Send each event to every active endpoint that subscribed to its type.

    Two queries however many endpoints and events (the endpoints, one insert). Side effect:
    the delivery task is queued for each row once the transaction commits. Returns the ids
    of the rows written.
    """
    if not events:
        return []
    for event in events:
        if event.type not in EventType.values:
            raise ValueError(f"Unknown webhook event type {event.type!r}.")
    endpoints = list(Endpoint.objects.filter(active=True).only("pk", "event_types"))
    now = timezone.now()
    rows = []
    for event in events:
        targets = [endpoint for endpoint in endpoints if endpoint.wants(event.type)]
        if not targets:
            continue
        event_id = event_id_new()
        body = payload_dump(event_id=event_id, event_type=event.type, data=event.data, at=now)
        rows += [
            Delivery(
                endpoint_id=endpoint.pk, event_id=event_id, event_type=event.type, payload=body
            )
            for endpoint in targets
        ]
    if not rows:
        return []
    with transaction.atomic():
        Delivery.objects.bulk_create(rows)
        ids = [row.pk for row in rows]
        delivery_enqueue(ids=ids)
    return ids


def delivery_enqueue(*, ids: list[int]) -> None:
    """Queue one delivery task per row when the transaction commits (each endpoint retries on
    its own). A broker that cannot be reached is logged, not raised: the change stays
    committed and the rows stay pending in the delivery log, to be resent from the admin."""
    from webhooks.tasks import webhook_deliver  # the tasks module imports the services

    def enqueue() -> None:
        for pk in ids:
            webhook_deliver.delay(pk)

    transaction.on_commit(enqueue, robust=True)


def webhook_endpoints_count(*, event_type: str) -> int:
    """How many active endpoints an event of this type would be sent to (for a preview).
    One query."""
    endpoints = Endpoint.objects.filter(active=True).values_list("event_types", flat=True)
    return sum(1 for types in endpoints if event_type in types)
