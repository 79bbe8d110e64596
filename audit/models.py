"""The audit log: who did what to which record, and when, for organizers' actions on
memberships, submissions and the schedule, and for registrations cancelled or transferred.

Entries are written by audit.services.audit_record only and never changed. They name their
target by type, id and a description taken at the time, so an entry outlives its target;
this module imports nothing from members/ or events/.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        MEMBERSHIP_CREATED = "membership.created", "Membership added"
        MEMBERSHIP_CHANGED = "membership.changed", "Membership changed"
        MEMBERSHIP_DELETED = "membership.deleted", "Membership deleted"
        SUBMISSION_ACCEPTED = "submission.accepted", "Submission accepted"
        SUBMISSION_REJECTED = "submission.rejected", "Submission rejected"
        SUBMISSION_WITHDRAWN = "submission.withdrawn", "Submission withdrawn"
        SUBMISSION_MOVED = "submission.moved", "Submission state changed"
        SLOT_SAVED = "slot.saved", "Slot saved"
        SLOT_DELETED = "slot.deleted", "Slot deleted"
        SCHEDULE_RELEASED = "schedule.released", "Schedule released"
        REGISTRATION_CANCELLED = "registration.cancelled", "Registration cancelled"
        REGISTRATION_TRANSFERRED = "registration.transferred", "Registration transferred"
        WEBHOOK_SECRET_ROTATED = "webhook.secret_rotated", "Webhook secret rotated"
        MAIL_BATCH_APPROVED = "mail_batch.approved", "Held e-mails approved"
        MAIL_BATCH_DISCARDED = "mail_batch.discarded", "Held e-mails discarded"

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty for actions of the system (commands, imports).",
    )
    actor_name = models.CharField(
        max_length=150, blank=True, help_text="The actor's username when the action was taken."
    )
    action = models.CharField(max_length=32, choices=Action.choices)
    target_type = models.CharField(max_length=100, help_text="app_label.model of the target.")
    target_id = models.CharField(max_length=64)
    target_repr = models.CharField("target", max_length=300)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-pk"]
        verbose_name = "audit entry"
        verbose_name_plural = "audit log"
        indexes: ClassVar = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        who = self.actor_name or "system"
        return f"{who}: {self.get_action_display()} · {self.target_repr}"
