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


class SignupSheet(models.Model):
    """The sign-up list of one session that requires sign-up, by the session's stable uid.

    Its row is what keeps the cap under concurrency: every sign-up, leave and promotion of
    the session first locks it (`select_for_update`), then counts the confirmed seats and
    writes, so two attendees taking the last seat at once take turns and the second one
    lands on the waitlist. A row of its own rather than the session's slot: each release
    copies the slots into new rows, so two requests around a release could lock different
    slot rows of one session, while the sheet stays one row per session. The cap itself
    cannot be a database constraint: it lives on the released slot, and an organizer may
    lower it below the seats already given (those are kept). The sheet also numbers the
    sign-ups, so the waitlist has a strict order.
    """

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="+")
    slot_uid = models.UUIDField(unique=True)
    last_position = models.PositiveIntegerField(
        default=0, help_text="The position the latest sign-up took."
    )

    class Meta:
        ordering: ClassVar = ["conference", "slot_uid"]

    def __str__(self) -> str:
        return f"Sign-up sheet of {self.slot_uid}"


class SessionSignup(models.Model):
    """An attendee's seat at a session that requires sign-up, or their place on its
    waitlist; by the session's stable uid, as stars are."""

    class State(models.TextChoices):
        CONFIRMED = "confirmed", "Seat confirmed"
        WAITLISTED = "waitlisted", "On the waitlist"

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="signups")
    slot_uid = models.UUIDField()
    state = models.CharField(max_length=16, choices=State.choices)
    position = models.PositiveIntegerField(
        help_text="The order of signing up; the waitlist is served in this order."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    promoted_at = models.DateTimeField(
        null=True, blank=True, help_text="When a seat came free and this person got it."
    )

    class Meta:
        ordering: ClassVar = ["slot_uid", "position"]
        verbose_name = "session sign-up"
        indexes: ClassVar = [models.Index(fields=["slot_uid", "state", "position"])]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["registration", "slot_uid"],
                name="signed_up_once_per_session",
                violation_error_message="You have already signed up for this session.",
            ),
            models.UniqueConstraint(
                fields=["slot_uid", "position"], name="signup_position_unique_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration.user} · {self.get_state_display()} · {self.slot_uid}"


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
