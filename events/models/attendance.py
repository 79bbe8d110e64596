"""Attendees: a person's registration for a conference, with the secret token of their
personal calendar feed, and the sessions they starred."""

import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models

from events.models.conference import Conference
from events.models.schedule import Schedule


def new_calendar_token() -> str:
    # 32 bytes = 256 bits from the OS's CSPRNG; the token is the only secret of the feed URL.
    return secrets.token_urlsafe(32)


class Registration(models.Model):
    class PassType(models.TextChoices):
        MEMBER = "member", "Member pass (complimentary)"
        PAID = "paid", "Paid pass"
        SPEAKER = "speaker", "Speaker pass"
        STAFF = "staff", "Organizer"

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    pass_type = models.CharField(max_length=16, choices=PassType.choices, default=PassType.PAID)
    calendar_token = models.CharField(
        max_length=64, unique=True, default=new_calendar_token, editable=False
    )
    agenda_changed_at = models.DateTimeField(
        auto_now_add=True, help_text="When the personal agenda last changed."
    )
    last_seen_release = models.ForeignKey(
        Schedule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The agenda release this attendee last saw on the site; the release "
        "banner lists what changed after it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["conference", "created_at"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["conference", "user"],
                name="one_registration_per_person_and_conference",
                violation_error_message="This person is already registered.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.conference}"


class AgendaItem(models.Model):
    """A session an attendee starred, by the session's stable uid rather than a slot row."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="agenda_items"
    )
    slot_uid = models.UUIDField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["registration", "created_at"]
        verbose_name = "starred session"
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["registration", "slot_uid"], name="session_starred_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration.user} starred {self.slot_uid}"


class CheckIn(models.Model):
    """A registration's arrival on one day of the conference, recorded by staff at the door."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="check_ins"
    )
    day = models.DateField(help_text="The conference day, in the conference's timezone.")
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The staff member who scanned or typed the code.",
    )

    class Meta:
        ordering: ClassVar = ["-at"]
        verbose_name = "check-in"
        constraints: ClassVar = [
            # Two scans of one badge at two doors at once still make one record.
            models.UniqueConstraint(fields=["registration", "day"], name="checked_in_once_a_day"),
        ]
        indexes: ClassVar = [models.Index(fields=["day"], name="checkin_day")]

    def __str__(self) -> str:
        return f"{self.registration.user} checked in on {self.day}"


class SessionAttendance(models.Model):
    """A registration's presence at one session, by the session's stable uid as stars are."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="session_attendances"
    )
    slot_uid = models.UUIDField()
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The staff member who scanned or typed the code.",
    )

    class Meta:
        ordering: ClassVar = ["-at"]
        verbose_name = "session attendance"
        verbose_name_plural = "session attendance"
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["registration", "slot_uid"], name="attended_session_once"
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["slot_uid"], name="attendance_slot_uid")]

    def __str__(self) -> str:
        return f"{self.registration.user} attended {self.slot_uid}"
