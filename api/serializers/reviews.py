"""The program committee's side: submissions as a reviewer sees them (anonymous when the
conference says so), reviews, and the input of a review."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.base import IdRelatedField, choices_limit, conference_field, described
from api.serializers.companies import CaseStudyRefSerializer
from api.serializers.conferences import FormatRefSerializer, TrackRefSerializer
from api.serializers.speakers import SpeakerRefSerializer
from api.serializers.submissions import SubmissionSerializer
from events.models import Review, Submission


class MyReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = Review
        fields = ("id", "score", "comment")
        extra_kwargs = described(
            id="Your review's id.", score="Your score, 1 to 5.", comment="Your comment."
        )


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
            "submitted_at",
            "my_review",
        )
        extra_kwargs = SubmissionSerializer.Meta.extra_kwargs

    @extend_schema_field(MyReviewSerializer(allow_null=True))
    def get_my_review(self, submission: Submission) -> dict | None:
        reviews = submission.my_reviews  # type: ignore[attr-defined]  # prefetched by submissions_for_review
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
        fields = ("id", "submission", "reviewer", "score", "comment", "created_at", "updated_at")
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
    serializer_related_field = IdRelatedField

    class Meta:
        model = Review
        fields = ("submission", "score", "comment")
        extra_kwargs = ReviewSerializer.Meta.extra_kwargs

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        queryset = self.context.get("reviewable")
        if queryset is not None:
            choices_limit(self, "submission", queryset)


class ReviewUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Review
        fields = ("score", "comment")
        extra_kwargs = ReviewSerializer.Meta.extra_kwargs
