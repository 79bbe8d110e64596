"""The agenda: a conference's working copy and released versions, made of slots that hold a
talk or a block (break, meal, social) in a room or the whole venue."""

import datetime
import uuid
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q

from events.models.conference import Conference, Room
from events.models.submission import Submission
from members.validators import validate_single_line_text


class ScheduleQuerySet(models.QuerySet):
    def released(self) -> "ScheduleQuerySet":
        return self.exclude(version="").order_by("-released_at", "-pk")


class Schedule(models.Model):
    """The working copy of a conference's agenda (no version) or one released version."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="schedules")
    version = models.CharField(
        max_length=50,
        blank=True,
        help_text="Empty for the working copy.",
        validators=[validate_single_line_text],
    )
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True, help_text="The organizers' words on this release.")
    changelog = models.JSONField(
        default=dict,
        blank=True,
        help_text="Sessions new, moved and cancelled against the previous release.",
    )

    objects = ScheduleQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["conference", "-released_at"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["conference", "version"],
                name="schedule_version_unique_per_conference",
                violation_error_message="This version has already been released.",
            ),
            models.CheckConstraint(
                condition=Q(version="", released_at__isnull=True)
                | (~Q(version="") & Q(released_at__isnull=False)),
                name="released_schedule_has_version_and_time",
            ),
        ]

    def __str__(self) -> str:
        if self.is_working_copy:
            return f"{self.conference} · working copy"
        return f"{self.conference} · version {self.version}"

    @property
    def is_working_copy(self) -> bool:
        return self.version == ""


class SlotQuerySet(models.QuerySet):
    def active(self) -> "SlotQuerySet":
        return self.filter(cancelled=False)

    def overlapping(self, start: datetime.datetime, end: datetime.datetime) -> "SlotQuerySet":
        return self.filter(start__lt=end, end__gt=start)


class Slot(models.Model):
    """A stretch of time in one room (or the whole venue) of one schedule: a talk or a block.

    `uid` names the same session in every copy a release makes; calendar feeds and starred
    agendas refer to it, never to a row's id. A release keeps a removed session as a
    cancelled slot so that subscribers learn of the cancellation.
    """

    class Kind(models.TextChoices):
        TALK = "talk", "Talk"
        KEYNOTE = "keynote", "Keynote"
        BREAK = "break", "Break"
        MEAL = "meal", "Lunch or dinner"
        SOCIAL = "social", "Social"
        OTHER = "other", "Other"

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="slots")
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.TALK)
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        related_name="slots",
        null=True,
        blank=True,
        help_text="Empty for a block that takes the whole venue, such as lunch.",
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, related_name="slots", null=True, blank=True
    )
    title = models.CharField(
        max_length=200,
        blank=True,
        help_text="For blocks without a submission.",
        validators=[validate_single_line_text],
    )
    description = models.TextField(blank=True)
    cancelled = models.BooleanField(default=False)
    signup_required = models.BooleanField(
        "requires sign-up",
        default=False,
        help_text="Attendees sign up for a seat (hands-on labs); once it is full they join "
        "a waitlist.",
    )
    signup_cap = models.PositiveIntegerField(
        "seats",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="How many attendees may sign up; empty for the room's capacity.",
    )
    sequence = models.PositiveIntegerField(
        default=0, help_text="Raised by each release that changes this session."
    )
    changed_in = models.ForeignKey(
        Schedule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The release that last changed this session.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = SlotQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["schedule", "start", "room__order"]
        indexes: ClassVar = [models.Index(fields=["schedule", "start"])]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="slot_ends_after_start",
                violation_error_message="A slot must end after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(submission__isnull=False) | ~Q(title=""),
                name="slot_has_submission_or_title",
                violation_error_message="A block without a talk needs a title.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="talk") | Q(submission__isnull=False),
                name="talk_slot_has_submission",
                violation_error_message="A talk slot needs a talk; use another kind for a block.",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["break", "meal", "social"]) | Q(submission__isnull=True),
                name="block_slot_has_no_submission",
                violation_error_message="Breaks, meals and socials carry no talk.",
            ),
            models.UniqueConstraint(
                fields=["schedule", "uid"], name="slot_uid_unique_per_schedule"
            ),
            models.CheckConstraint(
                condition=Q(signup_cap__isnull=True) | Q(signup_cap__gte=1),
                name="slot_signup_cap_positive",
                violation_error_message="A session with sign-up needs at least one seat.",
            ),
            models.CheckConstraint(
                condition=Q(signup_required=False)
                | Q(room__isnull=False)
                | Q(signup_cap__isnull=False),
                name="signup_slot_has_seats",
                violation_error_message="A session with sign-up in no particular room needs "
                "a number of seats.",
            ),
            models.UniqueConstraint(
                fields=["schedule", "submission"],
                condition=Q(submission__isnull=False, cancelled=False),
                name="talk_once_per_schedule",
                violation_error_message="This talk already has a slot in this schedule.",
            ),
            # No two active slots of one schedule overlap in a room: the database holds it
            # too (migration 0002: exclusion constraints on PostgreSQL, triggers on SQLite),
            # behind the check in events.schedule.services.slot_check.
        ]

    def __str__(self) -> str:
        where = self.room.name if self.room is not None else "all rooms"
        start = self.start.astimezone(datetime.UTC)
        return f"{self.display_title} · {where} · {start:%Y-%m-%d %H:%M} UTC"

    def clean(self) -> None:
        if self.signup_required and self.signup_cap is None and self.room_id is None:
            raise ValidationError(
                {
                    "signup_cap": "A session with sign-up in no particular room needs a number "
                    "of seats."
                }
            )

    @property
    def display_title(self) -> str:
        if self.submission is not None:
            return self.submission.title
        return self.title

    @property
    def duration(self) -> datetime.timedelta:
        return self.end - self.start

    @property
    def seats(self) -> int | None:
        """How many may sign up: the cap, else the room's capacity; None when the session
        needs no sign-up."""
        if not self.signup_required:
            return None
        if self.signup_cap is not None:
            return self.signup_cap
        return self.room.capacity if self.room is not None else None
