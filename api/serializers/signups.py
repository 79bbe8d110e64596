"""Sign-ups for sessions that require one: a seat or a place on the waitlist."""

from rest_framework import serializers

from api.serializers.base import CONFERENCE_HELP, described
from events.models import Conference, SessionSignup


class SignupSerializer(serializers.ModelSerializer):
    conference: serializers.SlugRelatedField[Conference] = serializers.SlugRelatedField(
        source="registration.conference",
        slug_field="slug",
        read_only=True,
        help_text=CONFERENCE_HELP,
    )
    session = serializers.UUIDField(
        source="slot_uid", read_only=True, help_text="The session's uid (see /api/v1/sessions/)."
    )
    waitlist_position = serializers.IntegerField(
        source="rank",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="Your place on the session's waitlist, from 1; null with a seat.",
    )

    class Meta:
        model = SessionSignup
        fields = (
            "id",
            "conference",
            "session",
            "state",
            "waitlist_position",
            "created_at",
            "promoted_at",
        )
        read_only_fields = fields
        extra_kwargs = described(
            id="The sign-up's id.",
            state="`confirmed`: you have a seat; `waitlisted`: you wait for one.",
            created_at="When you signed up.",
            promoted_at="When a seat came free and you got it from the waitlist; null if not.",
        )
