"""The organizers' schedule: schedules and their changelogs, the working copy's slots, and
the input of a release, a placement, a move, an unscheduling and a block."""

from typing import ClassVar

from rest_framework import serializers

from api.serializers.base import IdRelatedField, conference_field, described
from api.serializers.sessions import SlotSerializer
from events.models import Conference, Room, Schedule, Submission
from events.schedule.services import BLOCK_KINDS


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
        fields = ("id", "schedule", *SlotSerializer.Meta.fields, "submission_state")
        extra_kwargs: ClassVar = {
            **SlotSerializer.Meta.extra_kwargs,
            **described(id="The slot's id."),
        }


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
        fields = (
            "id",
            "conference",
            "version",
            "is_working_copy",
            "released_at",
            "note",
            "changelog",
        )
        extra_kwargs = described(
            id="The schedule's id (the `schedule` filter of slots).",
            version="The release's name; empty for the working copy.",
            released_at="When it was released; null for the working copy.",
            note="The organizers' words on this release.",
        )


class ReleaseSerializer(serializers.Serializer):
    """Input of a release: the version's name and the organizers' note, or a dry run."""

    version = serializers.CharField(max_length=50, help_text="e.g. 1.0 or “Final”.")
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Shown with the release."
    )
    dry_run = serializers.BooleanField(
        required=False,
        default=False,
        help_text=(
            "True to release nothing and answer (200) with what the release would do: "
            "its changelog and how many people it would e-mail."
        ),
    )


class ReleasePreviewSerializer(serializers.Serializer):
    """What a release would do now, from a dry run: nothing is written or sent."""

    version = serializers.CharField(help_text="The version that would be released.")
    changelog = ChangelogSerializer(help_text="What would change against the latest release.")
    attendees = serializers.IntegerField(
        help_text=(
            "Attendees who would be e-mailed: those who starred a moved, changed or cancelled "
            "session, less those who turned schedule-change mail off."
        )
    )
    speakers = serializers.IntegerField(
        help_text="Speakers of moved, changed or cancelled sessions who would be e-mailed."
    )
    webhook_endpoints = serializers.IntegerField(
        help_text="Active webhook endpoints that would be told of the release."
    )


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

    submission = IdRelatedField(
        queryset=Submission.objects.select_related("conference", "format"),
        help_text="The talk's submission id; it must be accepted or confirmed.",
    )
    room = IdRelatedField(
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

    room = IdRelatedField(
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
    rooms = IdRelatedField(
        queryset=Room.objects.all(),
        many=True,
        required=False,
        default=list,
        help_text="Room ids, one slot each; empty for one slot over the whole venue.",
    )
