"""Registering webhook endpoints, delivering events to them, and switching off those that
keep failing (docs/webhooks.md).

Delivery is idempotent: a delivery row is claimed before it is sent, and one that succeeded
is never sent again, however often its task runs. Every attempt is signed afresh with its own
timestamp; the body and the Webhook-Id stay the same, so a receiver can drop a repeat.
"""

import datetime
import http.client
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from members.roles import ORGANIZERS
from members.services.mail import absolute, mail_build, mail_queue
from webhooks.emit import delivery_enqueue, event_id_new, payload_dump
from webhooks.models import Delivery, Endpoint, EventType
from webhooks.signing import signed_headers
from webhooks.validators import validate_webhook_url

logger = logging.getLogger(__name__)

EXCERPT_CHARS = 1000
USER_AGENT = "Guildhall-Webhooks/1"


# Endpoints


def endpoint_save(*, endpoint: Endpoint, actor: User | None = None) -> Endpoint:
    """Register a new endpoint or save changes to one. The URL is checked (and its host
    resolved) here; ValidationError names the field at fault. The secret is generated on
    creation and never changes."""
    if endpoint.pk is None and endpoint.created_by_id is None and actor is not None:
        endpoint.created_by = actor
    chosen = set(endpoint.event_types or [])
    known = {value for value, _ in EventType.subscribable()}
    if chosen - known:
        raise ValidationError({"event_types": f"Unknown event types: {sorted(chosen - known)}."})
    if not chosen:
        raise ValidationError({"event_types": "Choose at least one kind of event."})
    endpoint.event_types = sorted(chosen)
    endpoint.full_clean()
    endpoint.save()
    return endpoint


def endpoint_enable(*, endpoint: Endpoint) -> Endpoint:
    """Switch a disabled endpoint on again, with a clean failure count. The deliveries it
    missed stay failed in the log; resend those that matter."""
    endpoint.active = True
    endpoint.consecutive_failures = 0
    endpoint.disabled_at = None
    endpoint.disabled_reason = ""
    endpoint.save(
        update_fields=[
            "active",
            "consecutive_failures",
            "disabled_at",
            "disabled_reason",
            "updated_at",
        ]
    )
    return endpoint


def endpoint_ping(*, endpoint: Endpoint, actor: User | None = None) -> Delivery:
    """Send a `webhook.ping` event to the endpoint (active or not), to test the receiver. Not
    retried. Side effect: the delivery task, once the transaction commits."""
    event_id = event_id_new()
    data = {"endpoint": endpoint.pk, "by": actor.get_username() if actor is not None else ""}
    with transaction.atomic():
        delivery = Delivery.objects.create(
            endpoint=endpoint,
            event_id=event_id,
            event_type=EventType.PING,
            payload=payload_dump(event_id=event_id, event_type=EventType.PING, data=data),
        )
        delivery_enqueue(ids=[delivery.pk])
    return delivery


def delivery_resend(*, delivery: Delivery) -> Delivery:
    """Send a delivery again, with the same body and Webhook-Id (receivers drop repeats).
    Refused while it is being sent."""
    with transaction.atomic():
        resent = Delivery.objects.filter(pk=delivery.pk).exclude(status=Delivery.Status.SENDING)
        if not resent.update(status=Delivery.Status.PENDING, claimed_at=None, error=""):
            raise ValidationError("This delivery is being sent right now; try again shortly.")
        delivery_enqueue(ids=[delivery.pk])
    delivery.refresh_from_db()
    return delivery


# Delivering


@dataclass(frozen=True)
class Attempt:
    """What one attempt came to: the delivery's status afterwards, and whether to retry."""

    status: str
    retry: bool = False


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect could lead anywhere, the servers' own network included: it is an answer
    # like any other non-2xx, recorded and not followed.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _post(*, url: str, body: str, headers: dict[str, str]) -> tuple[int, str]:
    """POST and return the status code and the start of the response body. Raises OSError or
    http.client.HTTPException for network failures and timeouts."""
    request = urllib.request.Request(  # noqa: S310 - the scheme was checked: http or https
        url, data=body.encode(), headers={**headers, "User-Agent": USER_AGENT}, method="POST"
    )
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as response:
            return response.status, _excerpt(response)
    except urllib.error.HTTPError as error:
        with error:
            return error.code, _excerpt(error)


def _excerpt(response) -> str:
    return response.read(EXCERPT_CHARS * 4).decode("utf-8", "replace")[:EXCERPT_CHARS]


def _retryable(status: int) -> bool:
    return status >= 500 or status == 429


def delivery_attempt(*, delivery_id: int, now: datetime.datetime | None = None) -> Attempt:
    """Send one pending delivery to its endpoint and record the answer.

    The URL is checked again first (its host may resolve elsewhere by now). A 2xx answer
    succeeds and clears the endpoint's failure count. A network error, a timeout, a 5xx or
    a 429 asks for a retry; any other answer fails for good. Each failure counts against
    the endpoint; at WEBHOOK_DISABLE_AFTER_FAILURES in a row it is disabled and the
    organizers are e-mailed. Deliveries to a disabled endpoint fail without being sent
    (pings excepted). A delivery that succeeded, or that another worker is sending, is
    left alone.
    """
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=settings.WEBHOOK_TIMEOUT_SECONDS * 3 + 60)
    claimed = Delivery.objects.filter(
        Q(status=Delivery.Status.PENDING) | Q(status=Delivery.Status.SENDING, claimed_at__lt=stale),
        pk=delivery_id,
    ).update(
        status=Delivery.Status.SENDING,
        claimed_at=now,
        last_attempt_at=now,
        attempts=F("attempts") + 1,
    )
    if not claimed:
        status = Delivery.objects.filter(pk=delivery_id).values_list("status", flat=True).first()
        return Attempt(status=status or "missing")
    delivery = Delivery.objects.select_related("endpoint").get(pk=delivery_id)
    endpoint = delivery.endpoint
    is_ping = delivery.event_type == EventType.PING
    if not endpoint.active and not is_ping:
        return _finish(delivery, now, Delivery.Status.FAILED, error="The endpoint is disabled.")
    try:
        validate_webhook_url(endpoint.url)
    except ValidationError as error:
        retry = error.code == "unresolvable" and not is_ping
        _count_failure(endpoint, now, reason=error.messages[0])
        status = Delivery.Status.PENDING if retry else Delivery.Status.FAILED
        return _finish(delivery, now, status, error=error.messages[0], retry=retry)
    timestamp = int(now.timestamp())
    headers = signed_headers(
        secret=endpoint.secret,
        message_id=delivery.event_id,
        timestamp=timestamp,
        body=delivery.payload,
    )
    try:
        code, excerpt = _post(url=endpoint.url, body=delivery.payload, headers=headers)
    except (OSError, http.client.HTTPException) as error:
        reason = f"No answer: {error!r}"[:2000]
        _count_failure(endpoint, now, reason=reason)
        status = Delivery.Status.FAILED if is_ping else Delivery.Status.PENDING
        return _finish(delivery, now, status, error=reason, retry=not is_ping)
    if 200 <= code < 300:
        Endpoint.objects.filter(pk=endpoint.pk, consecutive_failures__gt=0).update(
            consecutive_failures=0
        )
        return _finish(delivery, now, Delivery.Status.SUCCEEDED, code=code, excerpt=excerpt)
    reason = f"The endpoint answered {code}."
    _count_failure(endpoint, now, reason=reason)
    retry = _retryable(code) and not is_ping
    status = Delivery.Status.PENDING if retry else Delivery.Status.FAILED
    return _finish(delivery, now, status, code=code, excerpt=excerpt, error=reason, retry=retry)


def _finish(
    delivery: Delivery,
    now: datetime.datetime,
    status: str,
    *,
    code: int | None = None,
    excerpt: str = "",
    error: str = "",
    retry: bool = False,
) -> Attempt:
    Delivery.objects.filter(pk=delivery.pk, claimed_at=now).update(
        status=status,
        claimed_at=None,
        response_status=code,
        response_excerpt=excerpt,
        error=error,
        delivered_at=now if status == Delivery.Status.SUCCEEDED else None,
    )
    return Attempt(status=status, retry=retry)


def _count_failure(endpoint: Endpoint, now: datetime.datetime, *, reason: str) -> None:
    Endpoint.objects.filter(pk=endpoint.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    limit = settings.WEBHOOK_DISABLE_AFTER_FAILURES
    disabled = Endpoint.objects.filter(
        pk=endpoint.pk, active=True, consecutive_failures__gte=limit
    ).update(
        active=False,
        disabled_at=now,
        disabled_reason=f"{limit} failed attempts in a row; the last: {reason}"[:500],
    )
    if disabled:
        logger.warning("Webhook endpoint %s disabled after %s failures", endpoint.pk, limit)
        endpoint.refresh_from_db()
        _mail_disabled(endpoint)


def _mail_disabled(endpoint: Endpoint) -> None:
    """Tell the organizers (and whoever registered the endpoint) that it was switched off."""
    recipients = User.objects.filter(
        Q(groups__name=ORGANIZERS) | Q(is_superuser=True) | Q(pk=endpoint.created_by_id),
        is_active=True,
    ).exclude(email="")
    context = {
        "endpoint": endpoint,
        "link": absolute(reverse("admin:webhooks_endpoint_change", args=[endpoint.pk])),
        "site_name": settings.SITE_NAME,
    }
    subject = render_to_string("webhooks/email/endpoint_disabled_subject.txt", context)
    body = render_to_string("webhooks/email/endpoint_disabled.txt", context)
    assert endpoint.disabled_at is not None  # noqa: S101 - just set by the caller
    stamp = int(endpoint.disabled_at.timestamp())
    mail_queue(
        mails=[
            mail_build(
                key=f"webhook-disabled:{endpoint.pk}:{stamp}:{user.pk}",
                to=user.email,
                subject=subject,
                body=body,
                user=user,
            )
            for user in recipients.distinct().order_by("pk")
        ]
    )


def delivery_give_up(*, delivery_id: int) -> int:
    """Mark a delivery failed after its last retry. Returns 1 if it was still pending."""
    logger.error("Giving up on webhook delivery %s", delivery_id)
    return Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.PENDING).update(
        status=Delivery.Status.FAILED
    )
