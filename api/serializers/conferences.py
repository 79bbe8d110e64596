"""A conference and what it is made of: tracks, rooms and session formats, in full and as
the short references a session or a submission nests."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.base import conference_field, described
from events.models import Conference, Room, SessionFormat, Track


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
        fields = (
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
        )
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
        fields = ("id", "conference", "name", "slug", "colour", "description", "order")
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
        fields = ("id", "conference", "name", "capacity", "order")
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
        fields = ("id", "conference", "name", "slug", "duration_minutes", "description")
        extra_kwargs = described(
            id="The format's id.",
            name="The format's name, e.g. Keynote.",
            slug="Identifies the format within its conference.",
            duration_minutes="Length of a session of this format.",
            description="What a session of this format is like.",
        )


class NamedRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text="The row's id.")
    name = serializers.CharField(read_only=True, help_text="Its name.")


class TrackRefSerializer(NamedRefSerializer):
    slug = serializers.SlugField(read_only=True, help_text="The track's slug.")
    colour = serializers.CharField(read_only=True, help_text="The track's colour, #rrggbb.")


class FormatRefSerializer(NamedRefSerializer):
    duration_minutes = serializers.IntegerField(read_only=True, help_text="Length in minutes.")
