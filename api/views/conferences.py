"""Conferences and what they are made of (tracks, rooms, session formats), public to
read; and the organizers' release of a conference's working schedule."""

from django.db.models import OuterRef, QuerySet, Subquery
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from api import filters
from api.permissions import IsOrganizer
from api.schema import resource_schema
from api.serializers.conferences import (
    ConferenceSerializer,
    RoomSerializer,
    SessionFormatSerializer,
    TrackSerializer,
)
from api.serializers.schedules import (
    ReleasePreviewSerializer,
    ReleaseSerializer,
    ScheduleSerializer,
)
from api.views.base import SLUG_PATTERN, PublicReadViewSet
from events.models import Conference, Room, Schedule, SessionFormat, Track
from events.schedule.services import schedule_release, schedule_release_preview


@resource_schema(
    list=("List conferences", "Every conference, newest first."),
    retrieve=("A conference", "One conference by slug."),
)
class ConferenceViewSet(PublicReadViewSet):
    queryset = Conference.objects.none()
    serializer_class = ConferenceSerializer
    filterset_class = filters.ConferenceFilter
    search_fields = ("name", "venue")
    ordering_fields = ("starts_on", "name")
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN

    def visible_queryset(self) -> QuerySet:
        latest = Schedule.objects.released().filter(conference=OuterRef("pk")).values("version")
        return Conference.objects.annotate(latest_release_version=Subquery(latest[:1])).order_by(
            "-starts_on", "pk"
        )

    @extend_schema(
        summary="Release the working schedule",
        description=(
            "Organizers only. Copies the working schedule into a new released version with "
            "a changelog; the public then sees this version, and attendees who starred a "
            "moved, changed or cancelled session and its speakers are e-mailed. With "
            "`dry_run` true nothing is released: the answer (200) is the changelog the "
            "release would have and how many people it would e-mail."
        ),
        request=ReleaseSerializer,
        responses={201: ScheduleSerializer, 200: ReleasePreviewSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsOrganizer])
    def release(self, request, slug: str):
        conference = self.get_object()
        payload = ReleaseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        if payload.validated_data["dry_run"]:
            version = payload.validated_data["version"].strip()
            preview = schedule_release_preview(conference=conference, version=version)
            return Response(
                ReleasePreviewSerializer(
                    {
                        "version": version,
                        "changelog": preview.changelog,
                        "attendees": preview.attendees,
                        "speakers": preview.speakers,
                        "webhook_endpoints": preview.webhook_endpoints,
                    }
                ).data
            )
        release = schedule_release(
            conference=conference,
            version=payload.validated_data["version"],
            note=payload.validated_data["note"],
            actor=request.user,
        )
        return Response(ScheduleSerializer(release).data, status=status.HTTP_201_CREATED)


@resource_schema(
    list=("List tracks", "Tracks of every conference."),
    retrieve=("A track", "One track by id."),
)
class TrackViewSet(PublicReadViewSet):
    queryset = Track.objects.select_related("conference").order_by("conference", "order", "pk")
    serializer_class = TrackSerializer
    filterset_class = filters.TrackFilter
    search_fields = ("name", "description")
    ordering_fields = ("name", "order")


@resource_schema(
    list=("List rooms", "Rooms of every conference."),
    retrieve=("A room", "One room by id."),
)
class RoomViewSet(PublicReadViewSet):
    queryset = Room.objects.select_related("conference").order_by("conference", "order", "pk")
    serializer_class = RoomSerializer
    filterset_class = filters.RoomFilter
    search_fields = ("name",)
    ordering_fields = ("name", "order", "capacity")


@resource_schema(
    list=("List session formats", "Formats of every conference."),
    retrieve=("A session format", "One format by id."),
)
class SessionFormatViewSet(PublicReadViewSet):
    queryset = SessionFormat.objects.select_related("conference").order_by(
        "conference", "duration_minutes", "pk"
    )
    serializer_class = SessionFormatSerializer
    filterset_class = filters.SessionFormatFilter
    search_fields = ("name", "description")
    ordering_fields = ("name", "duration_minutes")
