"""The group's members: companies, their membership periods and tiers, their people, and the
case studies they publish.

A company's standing is never stored: it follows from its memberships on a given day.
This module imports nothing from events/.
"""

import datetime
import hashlib
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.validators import MaxLengthValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_countries.fields import CountryField

from members import images
from members.validators import validate_single_line_text


class Industry(models.TextChoices):
    RETAIL = "retail", "Retail and e-commerce"
    BANKING = "banking", "Banking and financial services"
    INSURANCE = "insurance", "Insurance"
    HEALTHCARE = "healthcare", "Healthcare and life sciences"
    TELECOM = "telecom", "Telecommunications"
    MANUFACTURING = "manufacturing", "Manufacturing"
    ENERGY = "energy", "Energy and utilities"
    LOGISTICS = "logistics", "Transport and logistics"
    MEDIA = "media", "Media and entertainment"
    PUBLIC_SECTOR = "public_sector", "Public sector"
    SOFTWARE = "software", "Software and internet"
    EDUCATION = "education", "Education and research"
    OTHER = "other", "Other"


def _image_url(spec: images.ImageSpec, stem: str, rendition: str) -> str | None:
    return default_storage.url(spec.name(stem, rendition)) if stem else None


class MembershipTier(models.Model):
    name = models.CharField(max_length=100, unique=True)
    annual_dues = models.DecimalField(max_digits=10, decimal_places=2)
    seats = models.PositiveIntegerField(help_text="Named people the company may register.")
    conference_passes = models.PositiveIntegerField(
        help_text="Complimentary conference passes per year."
    )
    may_submit_talks = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering: ClassVar = ["order", "name"]
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(annual_dues__gte=0), name="tier_dues_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name


# After its end date an active period keeps the company in good standing this long, so that
# a late payment does not cost anyone their talk; then the daily `lapse_memberships` command
# marks an unrenewed period lapsed.
GRACE_PERIOD = datetime.timedelta(days=30)


class MemberCompanyQuerySet(models.QuerySet["MemberCompany"]):
    def in_good_standing(self, on: datetime.date | None = None) -> "MemberCompanyQuerySet":
        """Companies with an active period that covers the day or ended within the grace
        period before it."""
        on = on or timezone.localdate()
        return self.filter(
            memberships__state=Membership.State.ACTIVE,
            memberships__starts_on__lte=on,
            memberships__ends_on__gte=on - GRACE_PERIOD,
        ).distinct()

    def in_directory(self) -> "MemberCompanyQuerySet":
        return self.filter(directory_opt_in=True)


class MemberCompany(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    industry = models.CharField(max_length=32, choices=Industry.choices)
    country = CountryField()
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    directory_opt_in = models.BooleanField("listed in the directory", default=False)
    # The stem of the logo's renditions in storage (members.images); set and cleared only by
    # members.services.images.
    logo = models.CharField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MemberCompanyQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["name"]
        verbose_name = "member company"
        verbose_name_plural = "member companies"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:company", args=[self.slug])

    @property
    def logo_small_url(self) -> str | None:
        return _image_url(images.LOGO, self.logo, "160")

    @property
    def logo_large_url(self) -> str | None:
        return _image_url(images.LOGO, self.logo, "480")

    @property
    def initials(self) -> str:
        return images.initials(self.name)

    @property
    def initials_colour(self) -> int:
        return images.initials_colour(self.name)


class Membership(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        ACTIVE = "active", "Active"
        LAPSED = "lapsed", "Lapsed"
        CANCELLED = "cancelled", "Cancelled"

    company = models.ForeignKey(MemberCompany, on_delete=models.CASCADE, related_name="memberships")
    tier = models.ForeignKey(MembershipTier, on_delete=models.PROTECT, related_name="memberships")
    starts_on = models.DateField()
    ends_on = models.DateField()
    dues = models.DecimalField(max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    paid_on = models.DateField(null=True, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["company__name", "-starts_on"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="membership_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(dues__gte=0), name="membership_dues_not_negative"),
            models.CheckConstraint(
                condition=Q(state__in=["pending", "active", "lapsed", "cancelled"]),
                name="membership_state_valid",
            ),
            # Periods of one company must not overlap: the database holds it (migration
            # 0002: an exclusion constraint on PostgreSQL, triggers on SQLite) and clean()
            # says it in words.
        ]

    def __str__(self) -> str:
        return (
            f"{self.company} · {self.tier} · {self.starts_on:%Y-%m-%d} to {self.ends_on:%Y-%m-%d}"
        )

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": "The period must end after it starts."})
        if (
            self.company_id
            and self.starts_on
            and self.ends_on
            and self.state != self.State.CANCELLED
        ):
            overlapping = (
                Membership.objects.filter(
                    company_id=self.company_id,
                    starts_on__lte=self.ends_on,
                    ends_on__gte=self.starts_on,
                )
                .exclude(state=self.State.CANCELLED)
                .exclude(pk=self.pk)
                .first()
            )
            if overlapping is not None:
                raise ValidationError(
                    "This period overlaps the company's membership "
                    f"{overlapping.starts_on:%Y-%m-%d} to {overlapping.ends_on:%Y-%m-%d} "
                    f"({overlapping.get_state_display()})."
                )

    def is_current(self, on: datetime.date | None = None) -> bool:
        """Whether the period gives good standing on the day (its grace period included)."""
        on = on or timezone.localdate()
        return (
            self.state == self.State.ACTIVE and self.starts_on <= on <= self.ends_on + GRACE_PERIOD
        )

    def in_grace(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.state == self.State.ACTIVE and self.ends_on < on <= self.ends_on + GRACE_PERIOD


# A speaker profile's few paragraphs, as a program or a conference app prints them.
BIO_MAX_LENGTH = 2_000


class Member(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member"
    )
    company = models.ForeignKey(
        MemberCompany,
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
        help_text="Empty for guest speakers who do not work at a member company.",
    )
    job_title = models.CharField(max_length=200, blank=True)
    bio = models.TextField(
        blank=True,
        max_length=BIO_MAX_LENGTH,
        validators=[MaxLengthValidator(BIO_MAX_LENGTH)],
        help_text=f"At most {BIO_MAX_LENGTH:,} characters.",
    )
    public_profile = models.BooleanField("public speaker profile", default=False)
    is_primary_contact = models.BooleanField(default=False)
    linkedin = models.URLField("LinkedIn profile", blank=True)
    mastodon = models.CharField("Mastodon handle", max_length=100, blank=True)
    github = models.CharField("GitHub user name", max_length=100, blank=True)
    # The stem of the photo's renditions in storage (members.images); set and cleared only by
    # members.services.images.
    photo = models.CharField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["user__last_name", "user__first_name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["company"],
                condition=Q(is_primary_contact=True),
                name="one_primary_contact_per_company",
                violation_error_message="This company already has a primary contact.",
            ),
            models.CheckConstraint(
                condition=Q(is_primary_contact=False) | Q(company__isnull=False),
                name="primary_contact_has_company",
                violation_error_message="A primary contact must belong to a company.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def photo_small_url(self) -> str | None:
        return _image_url(images.PHOTO, self.photo, "96")

    @property
    def photo_large_url(self) -> str | None:
        return _image_url(images.PHOTO, self.photo, "400")

    @property
    def initials(self) -> str:
        return images.initials(self.name)

    @property
    def initials_colour(self) -> int:
        return images.initials_colour(self.name)


class CompanyDomain(models.Model):
    """An e-mail domain of a member company: whoever signs up with a verified address in it
    joins the company, seats permitting."""

    company = models.ForeignKey(MemberCompany, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(
        max_length=253,
        unique=True,
        validators=[
            RegexValidator(
                r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
                "Enter a domain name in lower case, such as “example.com”.",
            )
        ],
        help_text="The part after the @, such as “example.com”.",
    )

    class Meta:
        ordering: ClassVar = ["domain"]
        verbose_name = "e-mail domain"

    def __str__(self) -> str:
        return self.domain

    def save(self, *args, **kwargs) -> None:
        self.domain = self.domain.strip().lower()
        super().save(*args, **kwargs)


class Invitation(models.Model):
    """A colleague invited by a company's primary contact; the link in the e-mail carries this
    row's id, signed, and stops working once used or after INVITATION_MAX_AGE."""

    company = models.ForeignKey(MemberCompany, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn = models.BooleanField(default=False)

    class Meta:
        ordering: ClassVar = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} to {self.company}"


class RenewalNotice(models.Model):
    """A renewal reminder sent for a period: one row per period and reminder, so that the
    daily command never sends one twice."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="renewal_notices"
    )
    days_before = models.PositiveSmallIntegerField()
    sent_to = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["membership", "-days_before"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["membership", "days_before"], name="renewal_notice_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.days_before}-day notice for {self.membership}"


class Product(models.Model):
    """One of the vendor's products, as named in case studies and talks."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.name


# A case study's texts: the problem, what was built (the long one), and the measurable outcomes.
CASE_STUDY_TEXT_MAX_LENGTHS = {"challenge": 10_000, "solution": 20_000, "results": 10_000}


class CaseStudyQuerySet(models.QuerySet["CaseStudy"]):
    def published(self) -> "CaseStudyQuerySet":
        return self.filter(state=CaseStudy.State.PUBLISHED)


class CaseStudy(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"

    company = models.ForeignKey(
        MemberCompany, on_delete=models.CASCADE, related_name="case_studies"
    )
    title = models.CharField(max_length=200, validators=[validate_single_line_text])
    slug = models.SlugField(max_length=200)
    industry = models.CharField(max_length=32, choices=Industry.choices)
    products = models.ManyToManyField(Product, related_name="case_studies", blank=True)
    challenge = models.TextField(
        max_length=CASE_STUDY_TEXT_MAX_LENGTHS["challenge"],
        validators=[MaxLengthValidator(CASE_STUDY_TEXT_MAX_LENGTHS["challenge"])],
    )
    solution = models.TextField(
        max_length=CASE_STUDY_TEXT_MAX_LENGTHS["solution"],
        validators=[MaxLengthValidator(CASE_STUDY_TEXT_MAX_LENGTHS["solution"])],
    )
    results = models.TextField(
        help_text="Measurable outcomes, e.g. “nightly load from 9 h to 40 min”.",
        max_length=CASE_STUDY_TEXT_MAX_LENGTHS["results"],
        validators=[MaxLengthValidator(CASE_STUDY_TEXT_MAX_LENGTHS["results"])],
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.DRAFT)
    author = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="case_studies"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseStudyQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["-published_at", "title"]
        verbose_name_plural = "case studies"
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["company", "slug"], name="case_study_slug_unique_per_company"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "in_review", "published"]),
                name="case_study_state_valid",
            ),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_at__isnull=False),
                name="published_case_study_has_date",
                violation_error_message="A published case study needs a publication date.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.company})"

    def get_absolute_url(self) -> str:
        return reverse("members:case_study", args=[self.company.slug, self.slug])


class AnnouncementQuerySet(models.QuerySet["Announcement"]):
    def published(self, now: datetime.datetime | None = None) -> "AnnouncementQuerySet":
        return self.filter(published_at__lte=now or timezone.now())


class Announcement(models.Model):
    """The group's news, posted by organizers in the admin; public from `published_at` on."""

    title = models.CharField(max_length=200, validators=[validate_single_line_text])
    slug = models.SlugField(max_length=200, unique=True)
    body = models.TextField()
    published_at = models.DateTimeField(
        default=timezone.now, help_text="Shown on the site and in the feed from this moment."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("members:announcement", args=[self.slug])


class ApiToken(models.Model):
    """A personal key for the REST API, made and revoked by its owner on their token page.

    Only the SHA-256 digest of the key is stored: a leaked database gives no working key.
    A fast hash is enough because the key is 256 random bits, not a password. Owners may
    keep several (one per integration) and revoke each on its own.
    """

    KEY_PREFIX = "gh_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. “CRM sync”.")
    prefix = models.CharField(
        max_length=16, editable=False, help_text="The key's first characters, to recognise it."
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering: ClassVar = ["user", "-created_at", "-pk"]
        verbose_name = "API token"
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["user", "name"], name="api_token_name_unique_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest_of(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


class MailKind(models.TextChoices):
    """What an e-mail is about. Transactional mail (account, password, submission receipts,
    decisions, invitations) always goes; people may turn each other kind off."""

    TRANSACTIONAL = "transactional", "Account and submission mail"
    ANNOUNCEMENTS = "announcements", "Announcements"
    SCHEDULE = "schedule", "Schedule changes"
    CFP = "cfp", "Call for papers news"
    EVALUATIONS = "evaluations", "Invitations to evaluate the sessions you attended"

    @classmethod
    def optional(cls) -> list["MailKind"]:
        return [kind for kind in cls if kind != cls.TRANSACTIONAL]


class MailOptOut(models.Model):
    """A person does not want one optional kind of mail. No row means they get it: members
    of the group receive its news until they turn it off (profile page or one-click link)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_opt_outs"
    )
    kind = models.CharField(max_length=32, choices=MailKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "mail opt-out"
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["user", "kind"], name="mail_opt_out_once_per_kind"),
            models.CheckConstraint(
                condition=~Q(kind="transactional"), name="mail_opt_out_not_transactional"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} does not want {self.get_kind_display()}"


class MailBatch(models.Model):
    """E-mails held for an organizer's approval: the decision mails of one bulk accept or
    reject. Its mails wait in the outbox (state held), and no worker sends them until an
    organizer approves the batch; a discarded batch's mails are never sent."""

    class State(models.TextChoices):
        HELD = "held", "Held for approval"
        APPROVED = "approved", "Approved and sent"
        DISCARDED = "discarded", "Discarded"

    reason = models.CharField(max_length=300, help_text="What the mails are about.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=16, choices=State.choices, default=State.HELD)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The organizer who approved or discarded the mails.",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-pk"]
        verbose_name = "held e-mail batch"
        verbose_name_plural = "held e-mails"

    def __str__(self) -> str:
        return f"{self.reason} ({self.created_at:%d %b %Y %H:%M})"


class OutgoingEmail(models.Model):
    """One e-mail to one address: the outbox every message passes through.

    The row is written in the transaction of the change that causes the mail, and the task
    that sends it is queued when that transaction commits: a rolled-back change sends nothing.
    `key` names the message (e.g. "announcement:4:user:17"), so queuing it twice writes one
    row; `state` makes sending it twice a no-op. The Message-ID is derived from the row, so a
    message sent again after a worker died between sending and recording is one message to
    the recipient's mail client.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        # Waiting for an organizer's approval of its batch; no worker picks it up.
        HELD = "held", "Held for approval"
        DISCARDED = "discarded", "Discarded"

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=MailKind.choices)
    to = models.EmailField(max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The recipient's account, when the mail is to one.",
    )
    subject = models.CharField(max_length=998)
    body = models.TextField()
    headers = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    claim = models.UUIDField(null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    batch = models.ForeignKey(
        MailBatch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mails",
        help_text="The batch held for approval that this mail belongs to, if any.",
    )

    class Meta:
        ordering: ClassVar = ["-created_at", "-pk"]
        verbose_name = "outgoing e-mail"
        indexes: ClassVar = [models.Index(fields=["state", "created_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"
