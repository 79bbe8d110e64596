"""The call for papers' records: submissions with their speakers, co-speaker invitations and
state history, reviews, and the wording of the e-mails the call sends."""

import uuid
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from events.cfp import emails
from events.models.conference import Conference, SessionFormat, Track
from members.models import CaseStudy, Member
from members.validators import validate_single_line_text

ABSTRACT_MAX_LENGTH = 1500
# How the time is spent, section by section: a page or two for the committee.
OUTLINE_MAX_LENGTH = 10_000
# A few paragraphs to the committee: what they should know that the abstract does not say.
NOTES_MAX_LENGTH = 5_000


def slides_path(submission: "Submission", filename: str) -> str:
    """Where a talk's slides are stored: a fresh random name each upload, so a storage that
    is served directly (a misconfigured MEDIA_URL) still offers nothing to guess, and a
    replaced file's old link dies. The uploaded name is not kept: it is the speaker's."""
    return f"slides/{submission.conference_id}/{uuid.uuid4().hex}.pdf"


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

    def reviewable_by(self, reviewer) -> "SubmissionQuerySet":
        """The conflict-of-interest rule of review, the one place it is written: the
        submitted proposals on which neither the reviewer nor anyone from the reviewer's
        company speaks. Every list of proposals to review and `review_save` use it."""
        reviewer_company = Member.objects.filter(user=reviewer).values("company_id")[:1]
        conflicted = SubmissionSpeaker.objects.filter(submission=models.OuterRef("pk")).filter(
            Q(member__user=reviewer) | Q(member__company_id=models.Subquery(reviewer_company))
        )
        return self.filter(state=Submission.State.SUBMITTED).exclude(models.Exists(conflicted))


class Submission(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"
        CONFIRMED = "confirmed", "Confirmed"
        WITHDRAWN = "withdrawn", "Withdrawn"
        # Accepted should a confirmed talk drop out: not in the program until promoted.
        ALTERNATE = "alternate", "Alternate"

    class AudienceLevel(models.TextChoices):
        BEGINNER = "beginner", "Beginner"
        INTERMEDIATE = "intermediate", "Intermediate"
        ADVANCED = "advanced", "Advanced"

    SCHEDULABLE_STATES = (State.ACCEPTED, State.CONFIRMED)

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="submissions")
    title = models.CharField(max_length=200, validators=[validate_single_line_text])
    abstract = models.TextField(
        help_text=f"At most {ABSTRACT_MAX_LENGTH} characters.",
        validators=[
            RegexValidator(r"\S", "Write an abstract."),
            MaxLengthValidator(ABSTRACT_MAX_LENGTH),
        ],
        max_length=ABSTRACT_MAX_LENGTH,
    )
    outline = models.TextField(
        blank=True,
        max_length=OUTLINE_MAX_LENGTH,
        validators=[MaxLengthValidator(OUTLINE_MAX_LENGTH)],
        help_text=f"At most {OUTLINE_MAX_LENGTH:,} characters.",
    )
    format = models.ForeignKey(SessionFormat, on_delete=models.PROTECT, related_name="submissions")
    track = models.ForeignKey(
        Track, on_delete=models.PROTECT, related_name="submissions", null=True, blank=True
    )
    audience_level = models.CharField(
        max_length=16, choices=AudienceLevel.choices, default=AudienceLevel.INTERMEDIATE
    )
    notes = models.TextField(
        "notes for the committee",
        blank=True,
        max_length=NOTES_MAX_LENGTH,
        validators=[MaxLengthValidator(NOTES_MAX_LENGTH)],
        help_text=f"At most {NOTES_MAX_LENGTH:,} characters.",
    )
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
    # Shown to members of companies in good standing, and to everyone from the conference's
    # materials_public_from (events.cfp.materials); served only through a view that checks.
    slides = models.FileField(upload_to=slides_path, blank=True, max_length=200, editable=False)
    slides_uploaded_at = models.DateTimeField(null=True, blank=True, editable=False)
    recording_url = models.URLField(
        "recording link",
        blank=True,
        max_length=500,
        validators=[URLValidator(schemes=["https"], message="Give an https:// link.")],
        help_text="Where the session's recording can be watched (https only).",
    )
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
    # Not a field: the speakers in order, with users and companies, that the agenda builder's
    # cards show; events.schedule.selectors.agenda_board and the builder set it.
    board_speakers: list["SubmissionSpeaker"]

    class Meta:
        ordering: ClassVar = ["conference", "title"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(
                    state__in=[
                        "draft",
                        "submitted",
                        "accepted",
                        "rejected",
                        "confirmed",
                        "withdrawn",
                        "alternate",
                    ]
                ),
                name="submission_state_valid",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("abstract"), ABSTRACT_MAX_LENGTH),
                name="submission_abstract_max_length",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="submission_title_not_empty"),
            models.CheckConstraint(
                condition=Q(recording_url="") | Q(recording_url__startswith="https://"),
                name="submission_recording_url_https",
                violation_error_message="Give an https:// link for the recording.",
            ),
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
        if (
            self.conference_id
            and self.track is not None
            and self.track.conference_id != self.conference_id
        ):
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
        ordering: ClassVar = ["submission", "-is_primary", "order"]
        verbose_name = "speaker"
        constraints: ClassVar = [
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

    The e-mailed link carries this row's id, signed and timestamped (events.cfp.invitations), so it
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
        ordering: ClassVar = ["submission", "created_at", "pk"]
        verbose_name = "co-speaker invitation"
        constraints: ClassVar = [
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
        ordering: ClassVar = ["submission", "created_at", "pk"]

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
        ordering: ClassVar = ["submission", "created_at"]
        constraints: ClassVar = [
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


class EmailTemplate(models.Model):
    """The wording of one of the e-mails Guildhall sends, editable by the organizers.

    {placeholders} are filled in when the mail is sent; events.cfp.emails lists which each
    e-mail may use and holds the wording shipped with Guildhall.
    """

    code = models.CharField(max_length=40, unique=True, choices=emails.CODES, editable=False)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["code"]
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
