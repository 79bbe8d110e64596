"""Evaluations by program: an attendee's evaluation of a session in and out, and a session's
results as speakers (their own) and organizers (all) see them."""

from typing import ClassVar

from rest_framework import serializers

from api.serializers.base import conference_field
from events.models import EVALUATION_COMMENT_MAX_LENGTH, Conference, Evaluation

RATING_HELP = "1 (very poor) to 5 (excellent)."


class EvaluationCreateSerializer(serializers.Serializer):
    conference = conference_field(read_only=False, queryset=Conference.objects.all())
    session = serializers.UUIDField(
        help_text="The session's uid, the same in every release (as in /api/v1/sessions/)."
    )
    content_rating = serializers.IntegerField(min_value=1, max_value=5, help_text=RATING_HELP)
    speaker_rating = serializers.IntegerField(min_value=1, max_value=5, help_text=RATING_HELP)
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=EVALUATION_COMMENT_MAX_LENGTH,
        help_text="Optional; the speakers read it without your name.",
    )


class EvaluationSerializer(serializers.ModelSerializer):
    conference: serializers.SlugRelatedField[Conference] = serializers.SlugRelatedField(
        source="registration.conference",
        slug_field="slug",
        read_only=True,
        help_text="The conference's slug.",
    )
    session = serializers.UUIDField(
        source="slot_uid", read_only=True, help_text="The session's uid."
    )

    class Meta:
        model = Evaluation
        fields = (
            "id",
            "conference",
            "session",
            "content_rating",
            "speaker_rating",
            "comment",
            "created_at",
        )
        read_only_fields = fields
        extra_kwargs: ClassVar = {
            "id": {"help_text": "The evaluation's id."},
            "content_rating": {"help_text": f"The session's content: {RATING_HELP}"},
            "speaker_rating": {"help_text": f"The speaking: {RATING_HELP}"},
            "comment": {"help_text": "The comment; empty when none was given."},
            "created_at": {"help_text": "When the evaluation was given."},
        }


class EvaluationResultSerializer(serializers.Serializer):
    session = serializers.UUIDField(source="session.uid", help_text="The session's uid.")
    title = serializers.CharField(source="session.title", help_text="The talk's title.")
    start = serializers.DateTimeField(source="session.start", help_text="When it started.")
    speakers = serializers.SerializerMethodField(help_text="The speakers' names.")
    evaluations = serializers.IntegerField(
        source="scores.count", help_text="How many attendees evaluated it."
    )
    content_rating = serializers.FloatField(
        source="scores.content",
        allow_null=True,
        help_text="The average content rating; null without any.",
    )
    speaker_rating = serializers.FloatField(
        source="scores.speaker",
        allow_null=True,
        help_text="The average speaker rating; null without any.",
    )
    comments = serializers.ListField(
        child=serializers.CharField(), help_text="Newest first, without names."
    )

    def get_speakers(self, result) -> list[str]:
        return [speaker.name for speaker in result.session.speakers]
