"""factory_boy factories for every model of members/ and events/, for any test to build on.

The defaults describe the ordinary, happy case, relative to today:

- `MemberFactory()` is a person at a company whose membership is active today (from half a
  year ago to half a year ahead) in a tier that may submit talks.
- `ConferenceFactory()` is a two-day conference in Europe/Amsterdam two months ahead, whose
  call for papers opened a month ago and closes in a month.
- `SubmissionFactory()` is a draft with one primary speaker (a `MemberFactory()`), in a format
  of the same conference. Give `speakers=[a, b]` for a primary speaker and a co-speaker, or
  `speakers=[]` for none; `state=` sets the state directly, bypassing the state machine (for
  arranging a test; the machine itself is `events.cfp.services.submission_transition`).
- `ScheduleFactory()` is the conference's working copy; `ScheduleFactory(released=True)` is a
  released version.
- `SlotFactory()` is a block (with a title, no talk) in a room of its own at 09:00 on the first
  conference day, local time; `SlotFactory(talk=True)` carries an accepted talk instead.

Factories write rows directly: they do not run the services' checks. Arrange with factories,
act through the services.

Opt-outs: `MemberCompanyFactory(membership=None)` has no membership at all, and
`MemberFactory(company=None)` is a guest speaker. Change the default membership through
`membership__...`, e.g. `MemberFactory(company__membership__state=Membership.State.LAPSED)`.
"""

import datetime
import io
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory, Password
from reportlab.pdfgen import canvas

from events.models import (
    AgendaItem,
    Conference,
    EmailTemplate,
    Mailing,
    Registration,
    Review,
    Room,
    Schedule,
    SessionFormat,
    Slot,
    Submission,
    SubmissionInvitation,
    SubmissionSpeaker,
    SubmissionTransition,
    Track,
)
from members.models import (
    Announcement,
    ApiToken,
    CaseStudy,
    CompanyDomain,
    Industry,
    Invitation,
    Member,
    MemberCompany,
    Membership,
    MembershipTier,
    Product,
    RenewalNotice,
)
from members.roles import ORGANIZERS, PROGRAM_COMMITTEE
from webhooks.models import Delivery, Endpoint, EventType

PASSWORD = "correct horse battery staple"  # noqa: S105 - test users only


def local_datetime(conference: Conference, day: datetime.date, hour: int, minute: int = 0):
    """An aware datetime at the given wall-clock time of a day, in the conference's timezone."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=conference.tz)


ModelT = TypeVar("ModelT")


class ModelFactory(DjangoModelFactory[ModelT]):
    """A DjangoModelFactory whose call, `XFactory()`, is typed as returning the model."""

    if TYPE_CHECKING:
        # factory_boy's own __new__ is untyped, so mypy would take `XFactory()` for a factory
        # instance; it returns the model instance that create() makes.
        def __new__(cls, *args: Any, **kwargs: Any) -> ModelT:  # type: ignore[misc]  # see above
            ...


# People and roles


def _role_groups(*default: str) -> factory.PostGeneration:
    """Join the named role groups: the defaults, or the names given as `roles=[...]`."""

    def join(user, create, extracted, **kwargs) -> None:
        names = default if extracted is None else extracted
        if create and names:
            user.groups.add(*[Group.objects.get(name=name) for name in names])

    return factory.PostGeneration(join)


class UserFactory(ModelFactory[User]):
    """A user who can log in with PASSWORD. `roles=[ORGANIZERS]` puts them in role groups.

    The role groups are created by the post_migrate hook
    (members.services.memberships.roles_ensure_groups), so they exist in every test database;
    a missing group is an error, not created silently.
    """

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = factory.Sequence(lambda n: f"Last{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = Password(PASSWORD)
    roles = _role_groups()


class OrganizerFactory(UserFactory):
    """Staff in the Organizers group; not a superuser, so permissions come from the group."""

    username = factory.Sequence(lambda n: f"organizer{n}")
    is_staff = True
    roles = _role_groups(ORGANIZERS)


class ReviewerFactory(UserFactory):
    """Staff in the Program committee group, with no member profile of their own."""

    username = factory.Sequence(lambda n: f"reviewer{n}")
    is_staff = True
    roles = _role_groups(PROGRAM_COMMITTEE)


# Members


class MembershipTierFactory(ModelFactory[MembershipTier]):
    """A tier whose members may submit talks; `may_submit_talks=False` for one that may not."""

    class Meta:
        model = MembershipTier

    name = factory.Sequence(lambda n: f"Tier {n}")
    annual_dues = Decimal("5000.00")
    seats = 10
    conference_passes = 2
    may_submit_talks = True
    order = factory.Sequence(lambda n: n)


class MembershipFactory(ModelFactory[Membership]):
    """An active, paid period that covers today: from 180 days ago to 185 days ahead."""

    class Meta:
        model = Membership

    company = factory.SubFactory("tests.factories.MemberCompanyFactory", membership=None)
    tier = factory.SubFactory(MembershipTierFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=180))
    ends_on = factory.LazyAttribute(lambda m: m.starts_on + datetime.timedelta(days=365))
    dues = factory.LazyAttribute(lambda m: m.tier.annual_dues)
    paid_on = factory.LazyAttribute(lambda m: m.starts_on)
    state = Membership.State.ACTIVE


class MemberCompanyFactory(ModelFactory[MemberCompany]):
    """A company in good standing today, through one MembershipFactory period.

    `membership=None` leaves it without any membership.
    """

    class Meta:
        model = MemberCompany
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.LazyAttribute(lambda company: slugify(company.name))
    industry = Industry.SOFTWARE
    country = "NL"
    website = factory.LazyAttribute(lambda company: f"https://{company.slug}.example.com")
    directory_opt_in = True
    membership = factory.RelatedFactory(MembershipFactory, factory_related_name="company")


class MemberFactory(ModelFactory[Member]):
    """A person at a company in good standing whose tier may submit talks."""

    class Meta:
        model = Member

    user = factory.SubFactory(UserFactory)
    company = factory.SubFactory(MemberCompanyFactory)
    job_title = "Data engineer"
    bio = "Builds data pipelines."


class ProductFactory(ModelFactory[Product]):
    class Meta:
        model = Product

    name = factory.Sequence(lambda n: f"Product {n}")
    slug = factory.LazyAttribute(lambda product: slugify(product.name))


class CaseStudyFactory(ModelFactory[CaseStudy]):
    """A draft case study; `published=True` publishes it now. `products=[...]` links products."""

    class Meta:
        model = CaseStudy
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(
            state=CaseStudy.State.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )

    company = factory.SubFactory(MemberCompanyFactory)
    title = factory.Sequence(lambda n: f"Case study {n}")
    slug = factory.LazyAttribute(lambda study: slugify(study.title))
    industry = factory.LazyAttribute(lambda study: study.company.industry)
    challenge = "Nightly loads took nine hours."
    solution = "Incremental loads."
    results = "Nightly load from 9 h to 40 min."
    state = CaseStudy.State.DRAFT

    @factory.post_generation
    def products(study, create, extracted, **kwargs):
        if create and extracted:
            study.products.add(*extracted)


# Conferences


class ConferenceFactory(ModelFactory[Conference]):
    """Two days in Europe/Amsterdam, 60 days ahead; the call for papers is open now."""

    class Meta:
        model = Conference

    name = factory.Sequence(lambda n: f"Users' Conference {n}")
    slug = factory.Sequence(lambda n: f"conference-{n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    ends_on = factory.LazyAttribute(lambda c: c.starts_on + datetime.timedelta(days=1))
    year = factory.LazyAttribute(lambda c: c.starts_on.year)
    timezone = "Europe/Amsterdam"
    venue = "Beurs van Berlage"
    venue_address = "Damrak 243, Amsterdam"
    cfp_opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    cfp_closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))


class RoomFactory(ModelFactory[Room]):
    class Meta:
        model = Room

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    capacity = 100
    order = factory.Sequence(lambda n: n)


class TrackFactory(ModelFactory[Track]):
    class Meta:
        model = Track

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Track {n}")
    slug = factory.LazyAttribute(lambda track: slugify(track.name))
    order = factory.Sequence(lambda n: n)


class SessionFormatFactory(ModelFactory[SessionFormat]):
    """A 30-minute case-study format."""

    class Meta:
        model = SessionFormat

    conference = factory.SubFactory(ConferenceFactory)
    name = "Case study"
    slug = factory.Sequence(lambda n: f"case-study-{n}")
    duration_minutes = 30


class SubmissionSpeakerFactory(ModelFactory[SubmissionSpeaker]):
    """A co-speaker by default; `is_primary=True` for the primary speaker."""

    class Meta:
        model = SubmissionSpeaker

    submission = factory.SubFactory("tests.factories.SubmissionFactory", speakers=[])
    member = factory.SubFactory(MemberFactory)
    is_primary = False
    order = factory.Sequence(lambda n: n + 1)


def _submission_speakers(submission: Submission, create: bool, extracted, **kwargs) -> None:
    """`speakers=[...]`: the first is the primary speaker; by default one new member."""
    if not create:
        return
    members = [MemberFactory()] if extracted is None else list(extracted)
    SubmissionSpeaker.objects.bulk_create(
        SubmissionSpeaker(
            submission=submission, member=member, is_primary=position == 0, order=position
        )
        for position, member in enumerate(members)
    )


class SubmissionFactory(ModelFactory[Submission]):
    """A draft with one primary speaker, in a format of its conference, without a track.

    `speakers=[primary, co_speaker, ...]` chooses the speakers; `speakers=[]` leaves none.
    """

    class Meta:
        model = Submission
        skip_postgeneration_save = True

    conference = factory.SubFactory(ConferenceFactory)
    title = factory.Sequence(lambda n: f"Talk {n}")
    abstract = "How we moved our nightly loads to streaming, and what it cost."
    format = factory.SubFactory(
        SessionFormatFactory, conference=factory.SelfAttribute("..conference")
    )
    track = None
    state = Submission.State.DRAFT
    submitted_at = factory.LazyAttribute(
        lambda s: None if s.state == Submission.State.DRAFT else timezone.now()
    )

    speakers = factory.PostGeneration(_submission_speakers)


class SubmissionTransitionFactory(ModelFactory[SubmissionTransition]):
    class Meta:
        model = SubmissionTransition

    submission = factory.SubFactory(SubmissionFactory, state=Submission.State.SUBMITTED)
    from_state = Submission.State.DRAFT
    to_state = Submission.State.SUBMITTED
    actor = factory.SubFactory(UserFactory)


class ReviewFactory(ModelFactory[Review]):
    """A review of a submitted proposal by a program committee member."""

    class Meta:
        model = Review

    submission = factory.SubFactory(SubmissionFactory, state=Submission.State.SUBMITTED)
    reviewer = factory.SubFactory(ReviewerFactory)
    score = 4
    comment = "Clear outcome, good fit for the case-study track."


class ScheduleFactory(ModelFactory[Schedule]):
    """The working copy; `released=True` for a released version named "1", "2", …"""

    class Meta:
        model = Schedule

    class Params:
        released = factory.Trait(
            version=factory.Sequence(lambda n: str(n + 1)),
            released_at=factory.LazyFunction(timezone.now),
        )

    conference = factory.SubFactory(ConferenceFactory)
    version = ""
    released_at = None


class SlotFactory(ModelFactory[Slot]):
    """A 30-minute block at 09:00 local on the first day, in a room of its own.

    `talk=True` makes it a talk slot carrying an accepted submission of the conference;
    `room=None` makes it a whole-venue block.
    """

    class Meta:
        model = Slot

    class Params:
        talk = factory.Trait(
            kind=Slot.Kind.TALK,
            title="",
            submission=factory.SubFactory(
                SubmissionFactory,
                conference=factory.SelfAttribute("..schedule.conference"),
                state=Submission.State.ACCEPTED,
            ),
        )

    schedule = factory.SubFactory(ScheduleFactory)
    kind = Slot.Kind.OTHER
    room = factory.SubFactory(
        RoomFactory, conference=factory.SelfAttribute("..schedule.conference")
    )
    start = factory.LazyAttribute(
        lambda slot: local_datetime(slot.schedule.conference, slot.schedule.conference.starts_on, 9)
    )
    end = factory.LazyAttribute(lambda slot: slot.start + datetime.timedelta(minutes=30))
    submission = None
    title = factory.Sequence(lambda n: f"Block {n}")


class RegistrationFactory(ModelFactory[Registration]):
    class Meta:
        model = Registration

    conference = factory.SubFactory(ConferenceFactory)
    user = factory.SubFactory(UserFactory)
    pass_type = Registration.PassType.PAID


class AgendaItemFactory(ModelFactory[AgendaItem]):
    """A starred session; pass `slot_uid=slot.uid` to star a real slot."""

    class Meta:
        model = AgendaItem

    registration = factory.SubFactory(RegistrationFactory)
    slot_uid = factory.LazyFunction(uuid.uuid4)


# The call for papers


class SubmissionInvitationFactory(ModelFactory[SubmissionInvitation]):
    """An open invitation to co-present a submitted proposal, sent by its primary speaker."""

    class Meta:
        model = SubmissionInvitation

    submission = factory.SubFactory(SubmissionFactory, state=Submission.State.SUBMITTED)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    invited_by = factory.LazyAttribute(
        lambda invitation: invitation.submission.speakers.first().user
    )


class MailingFactory(ModelFactory[Mailing]):
    """A draft announcement to everyone with an account (no filters)."""

    class Meta:
        model = Mailing

    subject = factory.Sequence(lambda n: f"News {n}")
    body = "Dear {first_name}, here is our news."
    kind = "announcements"


class EmailTemplateFactory(ModelFactory[EmailTemplate]):
    """A template under a code of its own: the five shipped ones exist after migrate."""

    class Meta:
        model = EmailTemplate
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"custom_{n}")
    subject = "About {title}"
    body = "Dear {speaker_name}, see {link}."


# Membership management, invitations and news


class CompanyDomainFactory(ModelFactory[CompanyDomain]):
    class Meta:
        model = CompanyDomain

    company = factory.SubFactory(MemberCompanyFactory)
    domain = factory.Sequence(lambda n: f"company{n}.example")


class InvitationFactory(ModelFactory[Invitation]):
    """An open invitation sent now by the company's (new) primary contact."""

    class Meta:
        model = Invitation

    company = factory.SubFactory(MemberCompanyFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.com")
    invited_by = factory.SubFactory(UserFactory)
    created_at = factory.LazyFunction(timezone.now)


class RenewalNoticeFactory(ModelFactory[RenewalNotice]):
    class Meta:
        model = RenewalNotice

    membership = factory.SubFactory(MembershipFactory)
    days_before = 60
    sent_to = "contact@example.com"


class AnnouncementFactory(ModelFactory[Announcement]):
    """Published a day ago."""

    class Meta:
        model = Announcement

    title = factory.Sequence(lambda n: f"Announcement {n}")
    slug = factory.LazyAttribute(lambda a: slugify(a.title))
    body = "The call for papers is open."
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class ApiTokenFactory(ModelFactory[ApiToken]):
    """A token row with the digest of a random key nobody knows; to call the API with a
    token, make one through members.services.api_tokens.api_token_create, which returns the key."""

    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Integration {n}")
    prefix = factory.Sequence(lambda n: f"gh_{n:07d}")
    digest = factory.LazyFunction(lambda: ApiToken.digest_of(uuid.uuid4().hex))


class EndpointFactory(ModelFactory[Endpoint]):
    """An active endpoint for released schedules; register real ones through
    webhooks.services.endpoint_save, which checks the URL."""

    class Meta:
        model = Endpoint

    url = factory.Sequence(lambda n: f"https://hooks{n}.example.com/in")
    event_types = factory.LazyFunction(lambda: [EventType.SCHEDULE_RELEASED])


class DeliveryFactory(ModelFactory[Delivery]):
    """A pending delivery of a schedule.released event."""

    class Meta:
        model = Delivery

    endpoint = factory.SubFactory(EndpointFactory)
    event_id = factory.Sequence(lambda n: f"msg_{n:032d}")
    event_type = EventType.SCHEDULE_RELEASED
    payload = factory.LazyAttribute(
        lambda d: f'{{"id":"{d.event_id}","type":"{d.event_type}","data":{{}}}}'
    )


# Slides


def slides_pdf(text: str = "Streaming at Orbit", pages: int = 1) -> bytes:
    """A small, real PDF of a few pages of slides, drawn with reportlab."""
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer)
    for page in range(pages):
        drawing.drawString(72, 720, f"{text}, slide {page + 1}")
        drawing.showPage()
    drawing.save()
    return buffer.getvalue()


def slides_attach(submission: Submission, body: bytes | None = None) -> Submission:
    """Store slides for the submission directly (arranging a test; speakers upload through
    events.cfp.services.submission_slides_upload)."""
    submission.slides.save("slides.pdf", ContentFile(body or slides_pdf()), save=False)
    submission.slides_uploaded_at = timezone.now()
    submission.save(update_fields=["slides", "slides_uploaded_at"])
    return submission
