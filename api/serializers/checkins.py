"""Check-in by program (a scanner app, a kiosk): the code read from a badge in, who it is
and whether this scan recorded them out."""

from rest_framework import serializers

from api.serializers.base import conference_field
from events.checkin.codes import MAX_INPUT
from events.models import Conference


class CheckInCreateSerializer(serializers.Serializer):
    conference = conference_field(read_only=False, queryset=Conference.objects.all())
    code = serializers.CharField(
        max_length=MAX_INPUT,
        help_text="The check-in code from the badge (the QR code's text, or as printed).",
    )


class SessionAttendanceCreateSerializer(CheckInCreateSerializer):
    session = serializers.UUIDField(
        help_text="The session's uid, the same in every release (as in /api/v1/sessions/)."
    )


class ScanSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["checked_in", "already_checked_in"],
        help_text="`checked_in` when this scan recorded the person; `already_checked_in` "
        "when they were recorded before (nothing new is written; `at` is that first time).",
    )
    registration = serializers.IntegerField(help_text="The registration's id.")
    name = serializers.CharField(help_text="The person's name, as on the badge.")
    company = serializers.CharField(help_text="Their company; empty when none.")
    pass_type = serializers.CharField(help_text="The kind of pass.")
    at = serializers.DateTimeField(help_text="When the person was first recorded.")
    day = serializers.DateField(
        allow_null=True, help_text="The conference day of a check-in; null for a session."
    )
    session = serializers.UUIDField(
        allow_null=True, help_text="The session's uid for attendance; null for a check-in."
    )

    @staticmethod
    def of(scan) -> dict:
        return {
            "status": "already_checked_in" if scan.already else "checked_in",
            "registration": scan.registration.pk,
            "name": scan.name,
            "company": scan.company,
            "pass_type": scan.registration.pass_type,
            "at": scan.at,
            "day": scan.day,
            "session": scan.slot.uid if scan.slot is not None else None,
        }
