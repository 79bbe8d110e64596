"""Conference registrations with their starred sessions, the input of a new one, and the
input of a transfer to a colleague."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.base import IdRelatedField, conference_field, described
from events.models import Conference, Registration
from members.models import Member


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


class RegistrationTransferSerializer(serializers.Serializer):
    """Which registration goes to whom; both from the caller's company (set per request)."""

    registration = IdRelatedField(
        queryset=Registration.objects.none(),
        help_text="The id of a registration of someone at your company.",
    )
    member = IdRelatedField(
        queryset=Member.objects.none(),
        help_text="The member id of the colleague who gets it (see /api/v1/speakers/ or "
        "your company's people); they must not be registered.",
    )
