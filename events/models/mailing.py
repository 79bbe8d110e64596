"""Mailings: one message an organizer composes for an audience chosen by filters (member
companies by tier and standing, people by role, speakers, registrants, people who starred a
session or a track's sessions), sent now or at a time.

The composer lives in events rather than members because its audience reaches into both apps
and members may not import events. Each recipient's copy is an `OutgoingEmail` of the members
app's outbox; `MailingRecipient` ties it to the mailing, and its unique constraint keeps a
second copy to the same person out of the database.
"""

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from events.models.conference import Conference, Track
from members.models import MailKind, MembershipTier, OutgoingEmail

MAILING_BODY_MAX_LENGTH = 20_000


class Mailing(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        SENDING = "sending", "Being queued"
        SENT = "sent", "Sent"

    class Standing(models.TextChoices):
        GOOD = "good", "In good standing"
        NOT_GOOD = "not_good", "Not in good standing (lapsed or never active)"

    class Role(models.TextChoices):
        ORGANIZERS = "organizers", "Organizers"
        PROGRAM_COMMITTEE = "program_committee", "Program committee (reviewers)"
        CHECKIN_STAFF = "checkin_staff", "Check-in staff"
        PRIMARY_CONTACTS = "primary_contacts", "Primary contacts of member companies"

    subject = models.CharField(max_length=200)
    body = models.TextField(
        max_length=MAILING_BODY_MAX_LENGTH,
        validators=[MaxLengthValidator(MAILING_BODY_MAX_LENGTH)],
        help_text="Plain text. Placeholders: {first_name}, {last_name}, {full_name}, "
        "{company}, {conference}.",
    )
    kind = models.CharField(
        "counts as",
        max_length=32,
        choices=[(kind.value, kind.label) for kind in MailKind.optional()],
        default=MailKind.ANNOUNCEMENTS,
        help_text="People who turned this kind of mail off do not receive it.",
    )

    # The audience: every filter given must hold (AND); a filter of several values is met by
    # any of them (OR). No filter at all means everyone with an account.
    tiers = models.ManyToManyField(MembershipTier, blank=True, related_name="+")
    standing = models.CharField(max_length=16, choices=Standing.choices, blank=True)
    roles = models.JSONField(default=list, blank=True)
    conference = models.ForeignKey(
        Conference, on_delete=models.PROTECT, null=True, blank=True, related_name="mailings"
    )
    submission_states = models.JSONField(default=list, blank=True)
    registrants = models.BooleanField(default=False)
    starred_session = models.UUIDField(null=True, blank=True)
    starred_track = models.ForeignKey(
        Track, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    state = models.CharField(max_length=16, choices=State.choices, default=State.DRAFT)
    send_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering: ClassVar = ["-created_at", "-pk"]
        indexes: ClassVar = [models.Index(fields=["state", "send_at"])]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(state__in=["draft", "scheduled", "sending", "sent"]),
                name="mailing_state_valid",
            ),
            models.CheckConstraint(
                condition=~Q(state="scheduled") | Q(send_at__isnull=False),
                name="mailing_scheduled_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("admin:events_mailing_change", args=[self.pk])

    @property
    def editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.SCHEDULED)


class MailingRecipient(models.Model):
    """One person a mailing went to, with their copy in the outbox (whose state says queued,
    sent or failed and why). The database refuses a second row for the same person."""

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="recipients")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email = models.OneToOneField(
        OutgoingEmail, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["mailing", "pk"]
        verbose_name = "mailing recipient"
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["mailing", "user"], name="mailing_recipient_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mailing} → {self.user}"
