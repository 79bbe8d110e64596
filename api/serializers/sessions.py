"""Slots as the public agenda shows them: a talk or a block, with its room, track, format
and speakers nested, and the talk's slides and recording as the caller may see them."""

from typing import ClassVar, cast

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.base import CONFERENCE_HELP, described
from api.serializers.conferences import (
    FormatRefSerializer,
    NamedRefSerializer,
    TrackRefSerializer,
)
from api.serializers.speakers import SpeakerRefSerializer
from events.cfp.selectors import SessionMaterials, materials_viewer, session_materials
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

    slides = serializers.SerializerMethodField(
        help_text=(
            "Where to download the talk's slides (PDF): for members of companies in good "
            "standing, organizers and the talk's speakers, and for everyone from the "
            "conference's `materials_public_from`. Null without slides or for a caller who "
            "may not see them yet."
        )
    )
    recording = serializers.SerializerMethodField(
        help_text="The talk's recording link, by the same rule as `slides`; null otherwise."
    )

    class Meta(SlotSerializer.Meta):
        fields = (
            *SlotSerializer.Meta.fields,
            "version",
            "signup_required",
            "seats",
            "slides",
            "recording",
        )

    def _materials(self, slot: Slot) -> SessionMaterials | None:
        submission = slot.submission
        if submission is None or not (submission.slides or submission.recording_url):
            return None
        # The caller is read once per response: a list's rows share the root's context.
        viewer = self.context.get("materials_viewer")
        if viewer is None:
            viewer = materials_viewer(user=self.context["request"].user, on=timezone.localdate())
            cast(dict, self.context)["materials_viewer"] = viewer
        return session_materials(
            viewer=viewer,
            submission=submission,
            now=timezone.now(),
            conference=slot.schedule.conference,
        )

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_slides(self, slot: Slot) -> str | None:
        materials = self._materials(slot)
        if materials is None or not (materials.visible and materials.has_slides):
            return None
        path = reverse("events:slides", args=[slot.schedule.conference.slug, slot.submission_id])
        return self.context["request"].build_absolute_uri(path)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_recording(self, slot: Slot) -> str | None:
        materials = self._materials(slot)
        return materials.recording_url or None if materials is not None else None
