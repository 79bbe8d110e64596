"""Webhook endpoints that organizers register, and the log of every delivery to them."""

from typing import ClassVar

from django.conf import settings
from django.db import models

from webhooks.signing import secret_generate
from webhooks.validators import validate_webhook_url


class EventType(models.TextChoices):
    SCHEDULE_RELEASED = "schedule.released", "Schedule released"
    SESSION_CHANGED = "session.changed", "Session changed in a release"
    SUBMISSION_STATE_CHANGED = "submission.state_changed", "Submission changed state"
    ANNOUNCEMENT_POSTED = "announcement.posted", "Announcement posted"
    MEMBERSHIP_CHANGED = "membership.changed", "Membership changed"
    PING = "webhook.ping", "Test ping"

    @classmethod
    def subscribable(cls) -> list[tuple[str, str]]:
        """The choices an endpoint may subscribe to (a ping goes only to who asked for it)."""
        return [(value, label) for value, label in cls.choices if value != cls.PING]


class Endpoint(models.Model):
    """A URL that receives the chosen kinds of event as signed JSON POSTs. After
    WEBHOOK_DISABLE_AFTER_FAILURES failed attempts in a row it is switched off and the
    organizers are told; an organizer switches it on again."""

    url = models.URLField(
        "URL", max_length=500, validators=[validate_webhook_url], help_text="https://…"
    )
    description = models.CharField(max_length=200, blank=True)
    secret = models.CharField(max_length=100, default=secret_generate, editable=False)
    event_types = models.JSONField(default=list, help_text="The kinds of event sent to this URL.")
    active = models.BooleanField(default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["url"]

    def __str__(self) -> str:
        return self.description or self.url

    def wants(self, event_type: str) -> bool:
        return event_type in self.event_types


class Delivery(models.Model):
    """One event sent to one endpoint: the exact body (signed again on each attempt), how
    many attempts, and what the endpoint last answered. An event reaches an endpoint once:
    the event id is unique per endpoint, and receivers see it as `Webhook-Id`."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.CharField(max_length=64)
    event_type = models.CharField(max_length=64, choices=EventType.choices)
    payload = models.TextField(help_text="The JSON body, exactly as sent.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    response_status = models.PositiveIntegerField(null=True, blank=True)
    response_excerpt = models.TextField(blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-pk"]
        verbose_name_plural = "deliveries"
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["endpoint", "event_id"], name="webhook_delivery_once_per_endpoint"
            )
        ]
        indexes: ClassVar = [models.Index(fields=["endpoint", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id} → {self.endpoint_id}"
