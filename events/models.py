"""Conferences and everything that happens at one: rooms, tracks, formats, submissions and
their reviews, the schedule with its released versions, registrations and personal agendas.

Times are stored as aware UTC datetimes and shown in the conference's own timezone.
"""

import datetime
import secrets
import uuid
import zoneinfo
from functools import cache, cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from events import emails
from members.models import CaseStudy, Member

ABSTRACT_MAX_LENGTH = 1500


@cache
def _timezone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(value: str) -> None:
    if value not in _timezone_names():
        raise ValidationError(f"“{value}” is not an IANA timezone name such as Europe/Amsterdam.")


def new_calendar_token() -> str:
    # 32 bytes = 256 bits from the OS's CSPRNG; the token is the only secret of the feed URL.
    return secrets.token_urlsafe(32)


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

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
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
        ordering = ["conference", "order", "name"]
        constraints = [
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
        ordering = ["conference", "order", "name"]
        constraints = [
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

    class Meta:
        ordering = ["conference", "duration_minutes", "name"]
        verbose_name = "session format"
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "slug"], name="format_slug_unique_per_conference"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0), name="format_duration_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.duration_minutes} min)"

    @property
    def duration(self) -> datetime.timedelta:
        return datetime.timedelta(minutes=self.duration_minutes)


class SubmissionQuerySet(models.QuerySet):
    def with_speakers(self) -> "SubmissionQuerySet":
        return self.prefetch_related(
            models.Prefetch(
                "submission_speakers",
                queryset=SubmissionSpeaker.objects.select_related(
                    "member__user", "member__company"
                ),
            )
        )

    def in_program(self) -> "SubmissionQuerySet":
        return self.filter(state__in=Submission.SCHEDULABLE_STATES)


class Submission(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"
        CONFIRMED = "confirmed", "Confirmed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class AudienceLevel(models.TextChoices):
        BEGINNER = "beginner", "Beginner"
        INTERMEDIATE = "intermediate", "Intermediate"
        ADVANCED = "advanced", "Advanced"

    SCHEDULABLE_STATES = (State.ACCEPTED, State.CONFIRMED)

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="submissions")
    title = models.CharField(max_length=200)
    abstract = models.TextField(
        help_text=f"At most {ABSTRACT_MAX_LENGTH} characters.",
        validators=[
            RegexValidator(r"\S", "Write an abstract."),
            MaxLengthValidator(ABSTRACT_MAX_LENGTH),
        ],
        max_length=ABSTRACT_MAX_LENGTH,
    )
    outline = models.TextField(blank=True)
    format = models.ForeignKey(SessionFormat, on_delete=models.PROTECT, related_name="submissions")
    track = models.ForeignKey(
        Track, on_delete=models.PROTECT, related_name="submissions", null=True, blank=True
    )
    audience_level = models.CharField(
        max_length=16, choices=AudienceLevel.choices, default=AudienceLevel.INTERMEDIATE
    )
    notes = models.TextField("notes for the committee", blank=True)
    case_study = models.ForeignKey(
        CaseStudy,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
    )
    speakers = models.ManyToManyField(
        Member, through="SubmissionSpeaker", related_name="submissions"
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    creation_key = models.UUIDField(
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The key of the form that created it, so a second click creates nothing.",
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    state__in=[
                        "draft",
                        "submitted",
                        "accepted",
                        "rejected",
                        "confirmed",
                        "withdrawn",
                    ]
                ),
                name="submission_state_valid",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("abstract"), ABSTRACT_MAX_LENGTH),
                name="submission_abstract_max_length",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="submission_title_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if (
            self.conference_id
            and self.format_id
            and self.format.conference_id != self.conference_id
        ):
            errors["format"] = "This format belongs to another conference."
        if self.conference_id and self.track_id and self.track.conference_id != self.conference_id:
            errors["track"] = "This track belongs to another conference."
        if errors:
            raise ValidationError(errors)


class SubmissionSpeaker(models.Model):
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="submission_speakers"
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="speaker_roles")
    is_primary = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["submission", "-is_primary", "order"]
        verbose_name = "speaker"
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "member"], name="speaker_once_per_submission"
            ),
            models.UniqueConstraint(
                fields=["submission"],
                condition=Q(is_primary=True),
                name="one_primary_speaker_per_submission",
                violation_error_message="A submission has exactly one primary speaker.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} on “{self.submission}”"


class SubmissionInvitation(models.Model):
    """An invitation to present a submission, e-mailed to an address of no member yet.

    The e-mailed link carries this row's id, signed and timestamped (events.services), so it
    cannot be guessed and expires; accepting it sets `accepted_at`, which uses it up.
    """

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["submission", "created_at", "pk"]
        verbose_name = "co-speaker invitation"
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "email"],
                condition=Q(accepted_at__isnull=True),
                name="one_open_invitation_per_address",
                violation_error_message="This address has already been invited.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} to “{self.submission}”"


class SubmissionTransition(models.Model):
    """One recorded change of a submission's state: who, when, from, to."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=16, choices=Submission.State.choices)
    to_state = models.CharField(max_length=16, choices=Submission.State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submission", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.submission}: {self.from_state} → {self.to_state}"


class Review(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["submission", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "reviewer"],
                name="one_review_per_reviewer_and_submission",
                violation_error_message="You have already reviewed this submission.",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="review_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.score}/5 by {self.reviewer} on “{self.submission}”"


class ScheduleQuerySet(models.QuerySet):
    def released(self) -> "ScheduleQuerySet":
        return self.exclude(version="").order_by("-released_at", "-pk")


class Schedule(models.Model):
    """The working copy of a conference's agenda (no version) or one released version."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="schedules")
    version = models.CharField(max_length=50, blank=True, help_text="Empty for the working copy.")
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
        ordering = ["conference", "-released_at"]
        constraints = [
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
        max_length=200, blank=True, help_text="For blocks without a submission."
    )
    description = models.TextField(blank=True)
    cancelled = models.BooleanField(default=False)
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
        ordering = ["schedule", "start", "room__order"]
        indexes = [models.Index(fields=["schedule", "start"])]
        constraints = [
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
            models.UniqueConstraint(
                fields=["schedule", "submission"],
                condition=Q(submission__isnull=False, cancelled=False),
                name="talk_once_per_schedule",
                violation_error_message="This talk already has a slot in this schedule.",
            ),
            # No two active slots of one schedule overlap in a room: the database holds it
            # too (migration 0002: exclusion constraints on PostgreSQL, triggers on SQLite),
            # behind the check in events.services.slot_check.
        ]

    def __str__(self) -> str:
        where = self.room.name if self.room_id else "all rooms"
        start = self.start.astimezone(datetime.UTC)
        return f"{self.display_title} · {where} · {start:%Y-%m-%d %H:%M} UTC"

    @property
    def display_title(self) -> str:
        if self.submission_id:
            return self.submission.title
        return self.title

    @property
    def duration(self) -> datetime.timedelta:
        return self.end - self.start


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
        ordering = ["conference", "created_at"]
        constraints = [
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
        ordering = ["registration", "created_at"]
        verbose_name = "starred session"
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "slot_uid"], name="session_starred_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration.user} starred {self.slot_uid}"


class EmailTemplate(models.Model):
    """The wording of one of the e-mails Guildhall sends, editable by the organizers.

    {placeholders} are filled in when the mail is sent; events.emails lists which each
    e-mail may use and holds the wording shipped with Guildhall.
    """

    code = models.CharField(max_length=40, unique=True, choices=emails.CODES, editable=False)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "e-mail template"

    def __str__(self) -> str:
        return self.get_code_display()

    def clean(self) -> None:
        errors = {}
        for name in ("subject", "body"):
            unknown = emails.unknown_placeholders(self.code, getattr(self, name))
            if unknown:
                allowed = ", ".join(f"{{{p}}}" for p in self.placeholders)
                errors[name] = (
                    f"Unknown placeholder {', '.join(f'{{{p}}}' for p in unknown)}; "
                    f"this e-mail can use {allowed}."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def placeholders(self) -> tuple[str, ...]:
        return emails.PLACEHOLDERS.get(self.code, ())
