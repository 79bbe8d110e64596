"""Attendees: a person's registration for a conference, with the secret token of their
personal calendar feed, the sessions they starred and attended, their evaluations of those
sessions and their certificate of attendance."""

import secrets
from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from events.models.conference import Conference
from events.models.schedule import Schedule

EVALUATION_COMMENT_MAX_LENGTH = 2000
# No 0/O, 1/I/L: the code is printed on the certificate and may be typed from it.
CERTIFICATE_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_certificate_code() -> str:
    # 15 characters of 31 (about 74 bits) from the OS's CSPRNG, in three groups of five:
    # not guessable, yet short enough to type from paper.
    characters = "".join(secrets.choice(CERTIFICATE_CODE_ALPHABET) for _ in range(15))
    return "-".join(characters[start : start + 5] for start in (0, 5, 10))


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


class Evaluation(models.Model):
    """An attendee's evaluation of one session they attended, given after it ended: one per
    registration and session, by the session's stable uid as stars are."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="evaluations"
    )
    slot_uid = models.UUIDField()
    content_rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    speaker_rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(
        blank=True,
        max_length=EVALUATION_COMMENT_MAX_LENGTH,
        # A TextField's max_length reaches forms only; the validator holds it for the API too.
        validators=[MaxLengthValidator(EVALUATION_COMMENT_MAX_LENGTH)],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["registration", "slot_uid"],
                name="one_evaluation_per_person_and_session",
                violation_error_message="You have already evaluated this session.",
            ),
            models.CheckConstraint(
                condition=Q(content_rating__gte=1) & Q(content_rating__lte=5),
                name="evaluation_content_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(speaker_rating__gte=1) & Q(speaker_rating__lte=5),
                name="evaluation_speaker_rating_1_to_5",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["slot_uid"], name="evaluation_slot_uid")]

    def __str__(self) -> str:
        return (
            f"{self.registration.user} on {self.slot_uid}: "
            f"content {self.content_rating}/5, speaker {self.speaker_rating}/5"
        )


class Certificate(models.Model):
    """A registration's certificate of attendance: the sessions attended and the credit
    hours earned as they stood when it was last issued, and the code that anyone holding
    the paper can check on the public verification page."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="certificate"
    )
    code = models.CharField(
        max_length=20, unique=True, default=new_certificate_code, editable=False
    )
    name = models.CharField(max_length=300, help_text="The person's name as printed.")
    sessions = models.JSONField(
        default=list,
        blank=True,
        help_text="The sessions attended, as printed: uid, title, start, credit hours.",
    )
    credit_hours = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal(0))
    issued_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["-issued_at"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(credit_hours__gte=0), name="certificate_credit_hours_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"Certificate {self.code} for {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("events:certificate_verify", args=[self.code])

    @property
    def credit_hours_label(self) -> str:
        """The credit hours without trailing zeros: 1, 1.5, 0.75."""
        return f"{self.credit_hours.normalize():f}"
