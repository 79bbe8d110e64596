"""Check-in and session attendance by program, with the rules of the staff page: organizers
and check-in staff only, a forged or foreign code refused, a repeat scan answered with the
first record and nothing new written."""

from rest_framework import status, viewsets
from rest_framework.response import Response

from api.permissions import IsCheckinStaff
from api.schema import resource_schema
from api.serializers.checkins import (
    CheckInCreateSerializer,
    ScanSerializer,
    SessionAttendanceCreateSerializer,
)
from events.checkin.services import checkin_record, session_attendance_record


def _answer(scan) -> Response:
    body = ScanSerializer(ScanSerializer.of(scan)).data
    return Response(body, status=status.HTTP_200_OK if scan.already else status.HTTP_201_CREATED)


@resource_schema(
    create=(
        "Check a badge in",
        (
            "Organizers and check-in staff. Records the person whose badge carries `code` "
            "as arrived today (the conference's timezone): 201 the first time, 200 with "
            "status `already_checked_in` and the first time in `at` after that, nothing "
            "new written. A forged code, or one of another conference, is refused (400, "
            "code `invalid_code`), as is a day outside the conference "
            "(`not_a_conference_day`)."
        ),
    ),
    output=ScanSerializer,
    create_input=CheckInCreateSerializer,
    create_statuses=(201, 200),
)
class CheckInViewSet(viewsets.GenericViewSet):
    permission_classes = (IsCheckinStaff,)
    serializer_class = CheckInCreateSerializer

    def create(self, request, *args, **kwargs):
        payload = CheckInCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        scan = checkin_record(
            conference=payload.validated_data["conference"],
            code=payload.validated_data["code"],
            by=request.user,
        )
        return _answer(scan)


@resource_schema(
    create=(
        "Record attendance at a session",
        (
            "Organizers and check-in staff. Records the person whose badge carries `code` "
            "as present at the session (by its uid): 201 the first time, 200 with status "
            "`already_checked_in` after that. Refused: a forged or foreign code "
            "(`invalid_code`), a session not in the latest release or cancelled "
            "(`unknown_session`)."
        ),
    ),
    output=ScanSerializer,
    create_input=SessionAttendanceCreateSerializer,
    create_statuses=(201, 200),
)
class SessionAttendanceViewSet(viewsets.GenericViewSet):
    permission_classes = (IsCheckinStaff,)
    serializer_class = SessionAttendanceCreateSerializer

    def create(self, request, *args, **kwargs):
        payload = SessionAttendanceCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        scan = session_attendance_record(
            conference=payload.validated_data["conference"],
            code=payload.validated_data["code"],
            slot_uid=payload.validated_data["session"],
            by=request.user,
        )
        return _answer(scan)
