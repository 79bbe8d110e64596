"""Proposals as their speakers see them, and the input of a new draft, a change and a
transition of the submission state machine."""

from rest_framework import serializers

from api.serializers.base import IdRelatedField, choices_limit, conference_field, described
from api.serializers.speakers import SpeakerRefSerializer
from events.models import Conference, Submission
from members.models import CaseStudy


class SubmissionSerializer(serializers.ModelSerializer):
    conference = conference_field()
    speakers = SpeakerRefSerializer(
        source="submission_speakers", many=True, read_only=True, help_text="Primary first."
    )

    class Meta:
        model = Submission
        fields = (
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
        )
        read_only_fields = fields
        extra_kwargs = described(
            id="The submission's id.",
            title="The talk's title.",
            abstract="What the talk is about, at most 1500 characters.",
            outline="The talk's structure, for the committee, at most 10,000 characters.",
            format="The session format's id.",
            track="The track's id; null for none.",
            audience_level="Who the talk is for.",
            notes="Notes for the program committee, at most 5,000 characters.",
            case_study="The linked case study's id; null for none.",
            state=(
                "draft, submitted, accepted, rejected, confirmed, withdrawn, or alternate "
                "(accepted should a confirmed talk of its format drop out; not on the agenda)."
            ),
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
            "The co-speakers' e-mail addresses (replaces the list). Each new address is "
            "e-mailed an invitation, member or not, and becomes a speaker on accepting it "
            "with that address; until then `speakers` does not list it."
        ),
    )


class SubmissionCreateSerializer(serializers.ModelSerializer):
    """A new draft; the caller becomes its primary speaker."""

    serializer_related_field = IdRelatedField
    conference = conference_field(read_only=False, queryset=Conference.objects.all())
    co_speakers = co_speakers_field()

    class Meta:
        model = Submission
        fields: tuple[str, ...] = (
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
        )
        extra_kwargs = SubmissionSerializer.Meta.extra_kwargs

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        member = self.context.get("member")
        company_id = member.company_id if member else None
        # A talk may present a case study of the speaker's own company only.
        choices_limit(self, "case_study", CaseStudy.objects.filter(company_id=company_id))


class SubmissionUpdateSerializer(SubmissionCreateSerializer):
    """A change to a proposal: any of its fields; the rest keep their values."""

    expected_updated_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        write_only=True,
        help_text=(
            "The proposal's `updated_at` as you read it: if it changed since (another "
            "speaker's edit, a state change), the change is refused (code `stale`) rather "
            "than overwriting theirs."
        ),
    )

    class Meta(SubmissionCreateSerializer.Meta):
        fields = (
            *(f for f in SubmissionCreateSerializer.Meta.fields if f != "conference"),
            "expected_updated_at",
        )


class TransitionSerializer(serializers.Serializer):
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Recorded with the change."
    )
