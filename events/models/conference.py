"""A conference and its fixed frame: dates and timezone, the call for papers' window, rooms,
tracks and session formats.

Times are stored as aware UTC datetimes and shown in the conference's own timezone.
"""

import datetime
import zoneinfo
from decimal import Decimal
from functools import cache, cached_property
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.timezone import localtime


@cache
def _timezone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(value: str) -> None:
    if value not in _timezone_names():
        raise ValidationError(f"“{value}” is not an IANA timezone name such as Europe/Amsterdam.")


class ConferenceQuerySet(models.QuerySet):
    def upcoming(self, today: datetime.date) -> "ConferenceQuerySet":
        return self.filter(ends_on__gte=today).order_by("starts_on")

    def cfp_open(self, now: datetime.datetime) -> "ConferenceQuerySet":
        """Conferences not yet over that take proposals at `now`, the nearest deadline
        first."""
        return self.filter(
            cfp_opens_at__lte=now, cfp_closes_at__gt=now, ends_on__gte=now.date()
        ).order_by("cfp_closes_at")


class Conference(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    timezone = models.CharField(
        max_length=64, validators=[validate_timezone], help_text="IANA name, e.g. Europe/Amsterdam."
    )
    venue = models.CharField(max_length=200)
    venue_address = models.TextField(blank=True)
    welcome_text = models.TextField(blank=True, help_text="Opens the printed program.")
    cfp_text = models.TextField(
        "call for papers text", blank=True, help_text="What the group wants to hear about."
    )
    cfp_opens_at = models.DateTimeField("CfP opens", null=True, blank=True)
    cfp_closes_at = models.DateTimeField("CfP closes", null=True, blank=True)
    reviews_anonymous = models.BooleanField(
        default=True, help_text="Reviewers see no speaker names or companies."
    )
    materials_public_from = models.DateField(
        "slides and recordings public from",
        null=True,
        blank=True,
        help_text=(
            "From this day (in the conference's timezone) everyone may see the sessions' "
            "slides and recordings; before it, only members of companies in good standing. "
            "Empty: members only."
        ),
    )

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["-starts_on"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="conference_ends_after_start",
                violation_error_message="The conference cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(cfp_opens_at__isnull=True)
                | Q(cfp_closes_at__isnull=True)
                | Q(cfp_closes_at__gt=F("cfp_opens_at")),
                name="conference_cfp_closes_after_opening",
                violation_error_message="The call for papers must close after it opens.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The conference's landing page (the admin's "View on site")."""
        return reverse("events:conference", args=[self.slug])

    @cached_property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def days(self) -> list[datetime.date]:
        count = (self.ends_on - self.starts_on).days + 1
        return [self.starts_on + datetime.timedelta(days=offset) for offset in range(count)]

    @property
    def opens_at(self) -> datetime.datetime:
        """The first instant of the first day, in the conference's timezone."""
        return datetime.datetime.combine(self.starts_on, datetime.time.min, tzinfo=self.tz)

    @property
    def closes_at(self) -> datetime.datetime:
        """The first instant after the last day, in the conference's timezone."""
        next_day = self.ends_on + datetime.timedelta(days=1)
        return datetime.datetime.combine(next_day, datetime.time.min, tzinfo=self.tz)

    def materials_public(self, now: datetime.datetime) -> bool:
        """Whether everyone, not only members, may see the slides and recordings at `now`."""
        if self.materials_public_from is None:
            return False
        return localtime(now, self.tz).date() >= self.materials_public_from

    def cfp_is_open(self, now: datetime.datetime) -> bool:
        return self.cfp_state(now) == "open"

    def cfp_state(self, now: datetime.datetime) -> str:
        """ "unannounced", "upcoming", "open" or "closed" at the given instant."""
        if self.cfp_opens_at is None or self.cfp_closes_at is None:
            return "unannounced"
        if now < self.cfp_opens_at:
            return "upcoming"
        if now < self.cfp_closes_at:
            return "open"
        return "closed"


class Room(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=100)
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering: ClassVar = ["conference", "order", "name"]
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="room_capacity_positive"),
            models.UniqueConstraint(
                fields=["conference", "name"], name="room_name_unique_per_conference"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Track(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    colour = models.CharField(
        max_length=7,
        default="#4a6fa5",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Give a colour as #rrggbb.")],
    )
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering: ClassVar = ["conference", "order", "name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["conference", "slug"], name="track_slug_unique_per_conference"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SessionFormat(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="formats")
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    duration_minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    description = models.TextField(blank=True)
    credit_hours = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(24))],
        help_text="Continuing-education credit hours an attendee earns for a session of this "
        "format (0 for none).",
    )

    class Meta:
        ordering: ClassVar = ["conference", "duration_minutes", "name"]
        verbose_name = "session format"
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["conference", "slug"], name="format_slug_unique_per_conference"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0), name="format_duration_positive"
            ),
            models.CheckConstraint(
                condition=Q(credit_hours__gte=0), name="format_credit_hours_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.duration_minutes} min)"

    @property
    def duration(self) -> datetime.timedelta:
        return datetime.timedelta(minutes=self.duration_minutes)
