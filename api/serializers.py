"""What the API reads and writes. Output serializers shape the responses; input serializers
validate what a caller sends before a view hands it to the service that owns the rule.

Every field carries a help_text: it becomes the field's description in the OpenAPI schema.
"""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.models import (
    Conference,
    Registration,
    Review,
    Room,
    Schedule,
    SessionFormat,
    Slot,
    Submission,
    SubmissionSpeaker,
    Track,
)
from events.schedule.services import BLOCK_KINDS
from members.models import CaseStudy, Member, MemberCompany, Product

CONFERENCE_HELP = "The conference's slug."


def described(**texts: str) -> dict[str, dict[str, str]]:
    """Meta.extra_kwargs giving each named model field its description."""
    return {name: {"help_text": text} for name, text in texts.items()}


class SlugLookupField(serializers.SlugRelatedField):
    """A slug reference that answers "does not exist" for text no slug can hold, such as a
    NUL character, which PostgreSQL refuses in a query rather than matching nothing."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", ""))
        return super().to_internal_value(data)


def conference_field(**kwargs) -> serializers.SlugRelatedField:
    kwargs.setdefault("read_only", True)
    return SlugLookupField(slug_field="slug", help_text=CONFERENCE_HELP, **kwargs)


# Public data


class ConferenceSerializer(serializers.ModelSerializer):
    cfp_state = serializers.SerializerMethodField(
        help_text="The call for papers now: unannounced, upcoming, open or closed."
    )
    latest_release = serializers.CharField(
        read_only=True,
        allow_null=True,
        source="latest_release_version",
        help_text="The version of the agenda the public sees; null before the first release.",
    )

    class Meta:
        model = Conference
        fields = [
            "slug",
            "name",
            "year",
            "starts_on",
            "ends_on",
            "timezone",
            "venue",
            "venue_address",
            "welcome_text",
            "cfp_text",
            "cfp_opens_at",
            "cfp_closes_at",
            "cfp_state",
            "latest_release",
        ]
        extra_kwargs = described(
            slug="Identifies the conference in URLs and filters.",
            name="The conference's name.",
            year="The edition's year.",
            starts_on="First day, in the conference's timezone.",
            ends_on="Last day, in the conference's timezone.",
            timezone="IANA timezone the conference's times are shown in.",
            venue="Where it takes place.",
            venue_address="The venue's postal address.",
            welcome_text="The organizers' welcome, as printed in the program.",
            cfp_text="What the call for papers asks for.",
            cfp_opens_at="When the call for papers opens (UTC); null if not announced.",
            cfp_closes_at="When the call for papers closes (UTC); null if not announced.",
        )

    @extend_schema_field(
        serializers.ChoiceField(choices=["unannounced", "upcoming", "open", "closed"])
    )
    def get_cfp_state(self, conference: Conference) -> str:
        return conference.cfp_state(timezone.now())


class TrackSerializer(serializers.ModelSerializer):
    conference = conference_field()

    class Meta:
        model = Track
        fields = ["id", "conference", "name", "slug", "colour", "description", "order"]
        extra_kwargs = described(
            id="The track's id.",
            name="The track's name.",
            slug="Identifies the track within its conference.",
            colour="Its colour on the agenda, #rrggbb.",
            description="What the track covers.",
            order="Position among the conference's tracks.",
        )


class RoomSerializer(serializers.ModelSerializer):
    conference = conference_field()

    class Meta:
        model = Room
        fields = ["id", "conference", "name", "capacity", "order"]
        extra_kwargs = described(
            id="The room's id.",
            name="The room's name.",
            capacity="Seats.",
            order="Position among the conference's rooms.",
        )


class SessionFormatSerializer(serializers.ModelSerializer):
    conference = conference_field()

    class Meta:
        model = SessionFormat
        fields = ["id", "conference", "name", "slug", "duration_minutes", "description"]
        extra_kwargs = described(
            id="The format's id.",
            name="The format's name, e.g. Keynote.",
            slug="Identifies the format within its conference.",
            duration_minutes="Length of a session of this format.",
            description="What a session of this format is like.",
        )


class SpeakerRefSerializer(serializers.ModelSerializer):
    """A speaker as a session shows them."""

    id = serializers.IntegerField(source="member.id", read_only=True, help_text="Member id.")
    name = serializers.CharField(source="member.name", read_only=True, help_text="Full name.")
    company = serializers.CharField(
        source="member.company.name",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="The speaker's company; null for guest speakers.",
    )

    class Meta:
        model = SubmissionSpeaker
        fields = ["id", "name", "company", "is_primary"]
        extra_kwargs = described(is_primary="The talk's primary speaker (listed first).")


class NamedRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text="The row's id.")
    name = serializers.CharField(read_only=True, help_text="Its name.")


class TrackRefSerializer(NamedRefSerializer):
    slug = serializers.SlugField(read_only=True, help_text="The track's slug.")
    colour = serializers.CharField(read_only=True, help_text="The track's colour, #rrggbb.")


class FormatRefSerializer(NamedRefSerializer):
    duration_minutes = serializers.IntegerField(read_only=True, help_text="Length in minutes.")


class SlotSerializer(serializers.ModelSerializer):
    """A slot: a talk or a block (break, lunch) in a room or the whole venue."""

    conference = serializers.SlugRelatedField(
        source="schedule.conference", slug_field="slug", read_only=True, help_text=CONFERENCE_HELP
    )
    title = serializers.CharField(
        source="display_title", read_only=True, help_text="The talk's title, or the block's."
    )
    room = NamedRefSerializer(read_only=True, allow_null=True, help_text="Null: whole venue.")
    submission = serializers.IntegerField(
        source="submission_id",
        read_only=True,
        allow_null=True,
        help_text="The talk's submission id; null for a block.",
    )
    track = TrackRefSerializer(
        source="submission.track",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="The talk's track, if any.",
    )
    format = FormatRefSerializer(
        source="submission.format",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="The talk's format; null for a block.",
    )
    audience_level = serializers.CharField(
        source="submission.audience_level",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="beginner, intermediate or advanced; null for a block.",
    )
    abstract = serializers.CharField(
        source="submission.abstract",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="The talk's abstract; null for a block.",
    )
    speakers = SpeakerRefSerializer(
        source="submission.submission_speakers",
        many=True,
        read_only=True,
        default=(),
        help_text="Primary speaker first; empty for a block.",
    )

    class Meta:
        model = Slot
        fields = [
            "uid",
            "conference",
            "kind",
            "title",
            "description",
            "start",
            "end",
            "room",
            "submission",
            "track",
            "format",
            "audience_level",
            "abstract",
            "speakers",
            "cancelled",
            "sequence",
            "updated_at",
        ]
        extra_kwargs = described(
            uid="Names this session in every release; calendar feeds use it as their UID.",
            kind="What the slot holds.",
            description="More about a block; talks have an abstract instead.",
            start="Start (UTC).",
            end="End (UTC).",
            cancelled="Kept in the agenda so that clients learn of the cancellation.",
            sequence="Raised by each release that changed this session.",
            updated_at="When the slot row last changed.",
        )


class SessionSerializer(SlotSerializer):
    """A session of a conference's latest released agenda."""

    version = serializers.CharField(
        source="schedule.version", read_only=True, help_text="The release it comes from."
    )

    class Meta(SlotSerializer.Meta):
        fields = [*SlotSerializer.Meta.fields, "version"]


class WorkingSlotSerializer(SlotSerializer):
    """A slot of any schedule, as organizers see it."""

    schedule = serializers.IntegerField(
        source="schedule_id", read_only=True, help_text="The schedule's id."
    )
    submission_state = serializers.CharField(
        source="submission.state",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="The talk's state now; null for a block.",
    )

    class Meta(SlotSerializer.Meta):
        fields = ["id", "schedule", *SlotSerializer.Meta.fields, "submission_state"]
        extra_kwargs = {**SlotSerializer.Meta.extra_kwargs, **described(id="The slot's id.")}


class CompanyRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True, help_text="The company's slug.")
    name = serializers.CharField(read_only=True, help_text="The company's name.")


class SpeakerSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="Full name.")
    company = CompanyRefSerializer(
        read_only=True, allow_null=True, help_text="Null for guest speakers."
    )

    class Meta:
        model = Member
        fields = ["id", "name", "job_title", "company", "bio", "linkedin", "mastodon", "github"]
        extra_kwargs = described(
            id="The speaker's member id (the `speaker` filter of sessions).",
            job_title="Job title.",
            bio="Short biography.",
            linkedin="LinkedIn profile URL.",
            mastodon="Mastodon handle.",
            github="GitHub user name.",
        )


class CompanySerializer(serializers.ModelSerializer):
    country = serializers.CharField(read_only=True, help_text="ISO 3166-1 alpha-2 code.")

    class Meta:
        model = MemberCompany
        fields = ["slug", "name", "industry", "country", "website", "description"]
        extra_kwargs = described(
            slug="Identifies the company in URLs and filters.",
            name="The company's name.",
            industry="The company's industry.",
            website="Its web site.",
            description="What the company does.",
        )


class ProductRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True, help_text="The product's slug.")
    name = serializers.CharField(read_only=True, help_text="The product's name.")


class CaseStudySerializer(serializers.ModelSerializer):
    company = CompanyRefSerializer(read_only=True, help_text="The company that tells it.")
    products = ProductRefSerializer(many=True, read_only=True, help_text="Products it used.")

    class Meta:
        model = CaseStudy
        fields = [
            "id",
            "company",
            "title",
            "slug",
            "industry",
            "products",
            "challenge",
            "solution",
            "results",
            "state",
            "published_at",
        ]
        extra_kwargs = described(
            id="The case study's id.",
            title="Its title.",
            slug="Identifies it within its company.",
            industry="The industry it belongs to.",
            challenge="The problem the company faced.",
            solution="What it did.",
            results="Measurable outcomes.",
            state="draft, in_review or published; the public sees published ones only.",
            published_at="When it was published; null until then.",
        )


class ChangelogEntrySerializer(serializers.Serializer):
    uid = serializers.UUIDField(help_text="The session's uid.")
    title = serializers.CharField(help_text="Its title.")
    start = serializers.CharField(help_text="Its start, ISO 8601 in the conference's timezone.")
    room = serializers.CharField(help_text="Its room; empty for the whole venue.")


class ChangelogSerializer(serializers.Serializer):
    new = ChangelogEntrySerializer(many=True, required=False, help_text="Sessions added.")
    moved = ChangelogEntrySerializer(many=True, required=False, help_text="Time or room changed.")
    changed = ChangelogEntrySerializer(many=True, required=False, help_text="Details changed.")
    cancelled = ChangelogEntrySerializer(
        many=True, required=False, help_text="Sessions that left the agenda."
    )


class ScheduleSerializer(serializers.ModelSerializer):
    conference = conference_field()
    is_working_copy = serializers.BooleanField(
        read_only=True, help_text="True for the organizers' working copy (no version)."
    )
    changelog = ChangelogSerializer(
        read_only=True, help_text="What changed against the previous release."
    )

    class Meta:
        model = Schedule
        fields = [
            "id",
            "conference",
            "version",
            "is_working_copy",
            "released_at",
            "note",
            "changelog",
        ]
        extra_kwargs = described(
            id="The schedule's id (the `schedule` filter of slots).",
            version="The release's name; empty for the working copy.",
            released_at="When it was released; null for the working copy.",
            note="The organizers' words on this release.",
        )


class ReleaseSerializer(serializers.Serializer):
    """Input of a release: the version's name and the organizers' note."""

    version = serializers.CharField(max_length=50, help_text="e.g. 1.0 or “Final”.")
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Shown with the release."
    )


# Members


class MemberProfileSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True, help_text="Login.")
    name = serializers.CharField(read_only=True, help_text="Full name, from the account.")
    email = serializers.EmailField(source="user.email", read_only=True, help_text="E-mail.")
    company = CompanyRefSerializer(
        read_only=True, allow_null=True, help_text="Set by the organizers; null for guests."
    )

    class Meta:
        model = Member
        fields = [
            "id",
            "username",
            "name",
            "email",
            "company",
            "job_title",
            "bio",
            "public_profile",
            "linkedin",
            "mastodon",
            "github",
        ]
        read_only_fields = ["id"]
        extra_kwargs = described(
            id="Your member id.",
            job_title="Job title.",
            bio="Short biography, shown on your speaker profile.",
            public_profile="Show a public speaker profile (GET /api/v1/speakers/).",
            linkedin="LinkedIn profile URL.",
            mastodon="Mastodon handle.",
            github="GitHub user name.",
        )


class SubmissionSerializer(serializers.ModelSerializer):
    conference = conference_field()
    speakers = SpeakerRefSerializer(
        source="submission_speakers", many=True, read_only=True, help_text="Primary first."
    )

    class Meta:
        model = Submission
        fields = [
            "id",
            "conference",
            "title",
            "abstract",
            "outline",
            "format",
            "track",
            "audience_level",
            "notes",
            "case_study",
            "speakers",
            "state",
            "created_at",
            "updated_at",
            "submitted_at",
        ]
        read_only_fields = fields
        extra_kwargs = described(
            id="The submission's id.",
            title="The talk's title.",
            abstract="What the talk is about, at most 1500 characters.",
            outline="The talk's structure, for the committee.",
            format="The session format's id.",
            track="The track's id; null for none.",
            audience_level="Who the talk is for.",
            notes="Notes for the program committee.",
            case_study="The linked case study's id; null for none.",
            state="draft, submitted, accepted, rejected, confirmed or withdrawn.",
            created_at="When it was created.",
            updated_at="When it last changed.",
            submitted_at="When it was submitted; null for a draft.",
        )


def co_speakers_field() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=254, help_text="An e-mail address."),
        required=False,
        write_only=True,
        help_text=(
            "The co-speakers' e-mail addresses (replaces the list). A member with that "
            "address is added at once; anyone else is e-mailed an invitation to join."
        ),
    )


class SubmissionCreateSerializer(serializers.ModelSerializer):
    """A new draft; the caller becomes its primary speaker."""

    conference = conference_field(read_only=False, queryset=Conference.objects.all())
    co_speakers = co_speakers_field()

    class Meta:
        model = Submission
        fields = [
            "conference",
            "title",
            "abstract",
            "outline",
            "format",
            "track",
            "audience_level",
            "notes",
            "case_study",
            "co_speakers",
        ]
        extra_kwargs = SubmissionSerializer.Meta.extra_kwargs

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        member = self.context.get("member")
        company_id = member.company_id if member else None
        # A talk may present a case study of the speaker's own company only.
        self.fields["case_study"].queryset = CaseStudy.objects.filter(company_id=company_id)


class SubmissionUpdateSerializer(SubmissionCreateSerializer):
    """A change to a proposal: any of its fields; the rest keep their values."""

    class Meta(SubmissionCreateSerializer.Meta):
        fields = [f for f in SubmissionCreateSerializer.Meta.fields if f != "conference"]


class TransitionSerializer(serializers.Serializer):
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Recorded with the change."
    )


class RegistrationSerializer(serializers.ModelSerializer):
    conference = conference_field()
    starred = serializers.SerializerMethodField(
        help_text="The uids of the sessions starred for the personal agenda."
    )

    class Meta:
        model = Registration
        fields = ["id", "conference", "pass_type", "created_at", "agenda_changed_at", "starred"]
        extra_kwargs = described(
            id="The registration's id.",
            pass_type="The kind of pass.",  # noqa: S106 - a description, not a password
            created_at="When the person registered.",
            agenda_changed_at="When the personal agenda last changed.",
        )

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_starred(self, registration: Registration) -> list[str]:
        return [str(item.slot_uid) for item in registration.agenda_items.all()]


# Reviewers


class MyReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = Review
        fields = ["id", "score", "comment"]
        extra_kwargs = described(
            id="Your review's id.", score="Your score, 1 to 5.", comment="Your comment."
        )


class CaseStudyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text="The case study's id.")
    title = serializers.CharField(read_only=True, help_text="Its title.")


class ReviewSubmissionSerializer(serializers.ModelSerializer):
    """A submission as a reviewer sees it: without speakers or case study (which names a
    company) when the conference reviews anonymously."""

    conference = conference_field()
    format = FormatRefSerializer(read_only=True, help_text="The session format.")
    track = TrackRefSerializer(read_only=True, allow_null=True, help_text="Null for none.")
    speakers = SpeakerRefSerializer(
        source="submission_speakers",
        many=True,
        read_only=True,
        allow_null=True,
        help_text="Null when the conference reviews anonymously.",
    )
    case_study = CaseStudyRefSerializer(
        read_only=True, allow_null=True, help_text="Null when none, or when reviews are anonymous."
    )
    my_review = serializers.SerializerMethodField(help_text="Your review; null until you write it.")

    class Meta:
        model = Submission
        fields = [
            "id",
            "conference",
            "title",
            "abstract",
            "outline",
            "format",
            "track",
            "audience_level",
            "notes",
            "case_study",
            "speakers",
            "submitted_at",
            "my_review",
        ]
        extra_kwargs = SubmissionSerializer.Meta.extra_kwargs

    @extend_schema_field(MyReviewSerializer(allow_null=True))
    def get_my_review(self, submission: Submission) -> dict | None:
        reviews = submission.my_reviews
        return MyReviewSerializer(reviews[0]).data if reviews else None

    def to_representation(self, submission: Submission) -> dict:
        data = super().to_representation(submission)
        if submission.conference.reviews_anonymous:
            data["speakers"] = None
            data["case_study"] = None
        return data


class ReviewSerializer(serializers.ModelSerializer):
    reviewer = serializers.CharField(
        source="reviewer.username", read_only=True, help_text="The reviewer's login."
    )

    class Meta:
        model = Review
        fields = ["id", "submission", "reviewer", "score", "comment", "created_at", "updated_at"]
        read_only_fields = fields
        extra_kwargs = described(
            id="The review's id.",
            submission="The reviewed submission's id.",
            score="1 (weak) to 5 (strong).",
            comment="The reviewer's comment for the organizers.",
            created_at="When it was written.",
            updated_at="When it last changed.",
        )


class ReviewCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Review
        fields = ["submission", "score", "comment"]
        extra_kwargs = ReviewSerializer.Meta.extra_kwargs

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        queryset = self.context.get("reviewable")
        if queryset is not None:
            self.fields["submission"].queryset = queryset


class ReviewUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Review
        fields = ["score", "comment"]
        extra_kwargs = ReviewSerializer.Meta.extra_kwargs


# Phase 2 writes: the working schedule, the personal agenda, case studies


class MomentField(serializers.DateTimeField):
    """A slot's start or end: an ISO 8601 time within years a schedule can hold, so that
    adding a talk's length to it cannot overflow."""

    def to_internal_value(self, value):
        moment = super().to_internal_value(value)
        if not 1900 <= moment.year <= 9000:
            raise serializers.ValidationError(
                "Choose a time between the years 1900 and 9000.", code="out_of_range"
            )
        return moment


class SlotPlaceSerializer(serializers.Serializer):
    """Input of a placement: which talk, which room, when; into its conference's working copy."""

    submission = serializers.PrimaryKeyRelatedField(
        queryset=Submission.objects.select_related("conference", "format"),
        help_text="The talk's submission id; it must be accepted or confirmed.",
    )
    room = serializers.PrimaryKeyRelatedField(
        queryset=Room.objects.all(),
        allow_null=True,
        required=False,
        default=None,
        help_text="The room's id; null for the whole venue.",
    )
    start = MomentField(help_text="Start, ISO 8601 with an offset (UTC if none).")
    end = MomentField(
        required=False,
        allow_null=True,
        default=None,
        help_text="End; by default the start plus the talk's format's length.",
    )


class SlotMoveSerializer(serializers.Serializer):
    """Input of a move or resize; what is left out keeps its value."""

    room = serializers.PrimaryKeyRelatedField(
        queryset=Room.objects.all(),
        allow_null=True,
        required=False,
        help_text="The new room's id; null for the whole venue.",
    )
    start = MomentField(required=False, help_text="The new start.")
    end = MomentField(required=False, help_text="The new end.")
    expected_updated_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text=(
            "The slot's `updated_at` as you read it: if it changed since, the move is "
            "refused (code `stale`) rather than overwriting someone else's change."
        ),
    )


class SlotUnscheduleSerializer(serializers.Serializer):
    expected_updated_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The slot's `updated_at` as you read it; a changed slot is refused.",
    )


class BlockCreateSerializer(serializers.Serializer):
    """Input of a block: a break, lunch, keynote or social over some rooms or the venue."""

    conference = conference_field(read_only=False, queryset=Conference.objects.all())
    kind = serializers.ChoiceField(
        choices=[(kind.value, kind.label) for kind in BLOCK_KINDS], help_text="What it is."
    )
    title = serializers.CharField(max_length=200, help_text="Its title, e.g. Lunch.")
    description = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="More about it."
    )
    start = MomentField(help_text="Start, ISO 8601 with an offset.")
    end = MomentField(help_text="End, ISO 8601 with an offset.")
    rooms = serializers.PrimaryKeyRelatedField(
        queryset=Room.objects.all(),
        many=True,
        required=False,
        default=list,
        help_text="Room ids, one slot each; empty for one slot over the whole venue.",
    )


class RegistrationCreateSerializer(serializers.Serializer):
    conference = conference_field(read_only=False, queryset=Conference.objects.all())


class CaseStudyWriteSerializer(serializers.ModelSerializer):
    """A draft's text and products; on a change, what is left out keeps its value."""

    products = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Product.objects.all(),
        many=True,
        required=False,
        help_text="Slugs of the products it used.",
    )

    class Meta:
        model = CaseStudy
        fields = ["title", "challenge", "solution", "results", "products"]
        extra_kwargs = {
            name: CaseStudySerializer.Meta.extra_kwargs[name]
            for name in ("title", "challenge", "solution", "results")
        }
