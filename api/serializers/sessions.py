"""Slots as the public agenda shows them: a talk or a block, with its room, track, format
and speakers nested."""

from typing import ClassVar

from rest_framework import serializers

from api.serializers.base import CONFERENCE_HELP, described
from api.serializers.conferences import (
    FormatRefSerializer,
    NamedRefSerializer,
    TrackRefSerializer,
)
from api.serializers.speakers import SpeakerRefSerializer
from events.models import Conference, Slot


class SlotSerializer(serializers.ModelSerializer):
    """A slot: a talk or a block (break, lunch) in a room or the whole venue."""

    conference: serializers.SlugRelatedField[Conference] = serializers.SlugRelatedField(
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
        fields: tuple[str, ...] = (
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
        )
        extra_kwargs: ClassVar = described(
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
    signup_required = serializers.BooleanField(
        read_only=True,
        help_text="Attendees sign up for a seat (POST /api/v1/sessions/{uid}/signup/).",
    )
    seats = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="How many may sign up (the cap, else the room's capacity); null without sign-up.",
    )

    class Meta(SlotSerializer.Meta):
        fields = (*SlotSerializer.Meta.fields, "version", "signup_required", "seats")
