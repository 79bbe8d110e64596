"""Conference registrations with their starred sessions, and the input of a new one."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.base import conference_field, described
from events.models import Conference, Registration


class RegistrationSerializer(serializers.ModelSerializer):
    conference = conference_field()
    starred = serializers.SerializerMethodField(
        help_text="The uids of the sessions starred for the personal agenda."
    )

    class Meta:
        model = Registration
        fields = ("id", "conference", "pass_type", "created_at", "agenda_changed_at", "starred")
        extra_kwargs = described(
            id="The registration's id.",
            pass_type="The kind of pass.",  # noqa: S106 - a description, not a password
            created_at="When the person registered.",
            agenda_changed_at="When the personal agenda last changed.",
        )

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_starred(self, registration: Registration) -> list[str]:
        return [str(item.slot_uid) for item in registration.agenda_items.all()]


class RegistrationCreateSerializer(serializers.Serializer):
    conference = conference_field(read_only=False, queryset=Conference.objects.all())
