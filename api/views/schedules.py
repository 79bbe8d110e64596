"""The organizers' schedule: released versions and the working copy, and the working
copy's slots placed, moved, unscheduled and blocked out through the scheduling services."""

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from api import filters
from api.pagination import CursorPagePagination
from api.permissions import IsOrganizer
from api.schema import resource_schema
from api.serializers.schedules import (
    BlockCreateSerializer,
    ScheduleSerializer,
    SlotMoveSerializer,
    SlotPlaceSerializer,
    SlotUnscheduleSerializer,
    WorkingSlotSerializer,
)
from api.views.base import PublicReadViewSet
from events.models import Schedule, Slot
from events.schedule.selectors import slots_all
from events.schedule.services import (
    schedule_working,
    slot_block_create,
    slot_move,
    slot_place,
    slot_unschedule,
)
from members.roles import is_organizer


@resource_schema(
    list=(
        "List schedules",
        "Released versions of each agenda; organizers also see the working copy.",
    ),
    retrieve=("A schedule", "One schedule by id."),
)
class ScheduleViewSet(PublicReadViewSet):
    queryset = Schedule.objects.none()
    serializer_class = ScheduleSerializer
    filterset_class = filters.ScheduleFilter
    search_fields = ("version", "note")
    ordering_fields = ("released_at",)

    def visible_queryset(self) -> QuerySet:
        schedules = Schedule.objects.select_related("conference")
        if not is_organizer(self.request.user):
            schedules = schedules.exclude(version="")
        return schedules.order_by("conference", "-released_at", "pk")


EXPECTED_UPDATED_AT = OpenApiParameter(
    "expected_updated_at",
    OpenApiTypes.DATETIME,
    description=(
        "The slot's `updated_at` as you read it: if it changed since, the request is "
        "refused (code `stale`)."
    ),
)
SCHEDULING_REFUSALS = (
    "Refusals answer 400 with every collision named in `detail` and the first one's code: "
    "`room_overlap`, `speaker_overlap`, `outside_conference`, `not_schedulable`, "
    "`already_placed`, `kind`, `released`, `stale` or `concurrent_change`."
)


@resource_schema(
    list=(
        "List slots of any schedule",
        (
            "Organizers only: every slot of the working copies and of the releases. "
            "Cursor-paginated."
        ),
    ),
    retrieve=("A slot", "One slot by id."),
    create=(
        "Place a talk",
        (
            "Organizers only. Places an accepted or confirmed talk in its conference's "
            "working copy, as the agenda builder does; without `end` it lasts its format's "
            "length. " + SCHEDULING_REFUSALS
        ),
    ),
    partial_update=(
        "Move or resize a slot",
        (
            "Organizers only. Another room (null: the whole venue), time or length for a "
            "slot of a working copy; what is left out keeps its value (a new `start` "
            "without `end` keeps the slot's length). Send the "
            "`updated_at` you read as `expected_updated_at` so that a slot someone else "
            "changed meanwhile is refused rather than overwritten. " + SCHEDULING_REFUSALS
        ),
    ),
    destroy=(
        "Unschedule a slot",
        (
            "Organizers only. Takes a slot out of the working copy: a talk goes back to "
            "the talks to place, a block is deleted. Released versions cannot change "
            "(code `released`)."
        ),
    ),
    output=WorkingSlotSerializer,
    create_input=SlotPlaceSerializer,
    update_input=SlotMoveSerializer,
    destroy_parameters=[EXPECTED_UPDATED_AT],
)
class SlotViewSet(PublicReadViewSet):
    """The organizers' schedule: every slot to read, and the working copy's writes through
    the same scheduling services as the agenda builder (events.schedule.builder)."""

    queryset = Slot.objects.none()
    serializer_class = WorkingSlotSerializer
    filterset_class = filters.SlotScheduleFilter
    pagination_class = CursorPagePagination
    permission_classes = (IsOrganizer,)
    search_fields = ("title", "submission__title")
    ordering_fields = ("start",)
    ordering = ("start", "pk")

    def visible_queryset(self) -> QuerySet:
        return slots_all().order_by("start", "pk")

    def _answer(self, slot: Slot, code: int = status.HTTP_200_OK) -> Response:
        slot = self.visible_queryset().get(pk=slot.pk)
        return Response(self.get_serializer(slot).data, status=code)

    def create(self, request, *args, **kwargs):
        payload = SlotPlaceSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        submission = data["submission"]
        slot = slot_place(
            schedule=schedule_working(conference=submission.conference),
            submission=submission,
            room=data["room"],
            start=data["start"],
            end=data["end"],
            actor=request.user,
        )
        return self._answer(slot, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        slot = self.get_object()
        payload = SlotMoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        start = data.get("start", slot.start)
        slot = slot_move(
            slot=slot,
            room=data["room"] if "room" in data else slot.room,
            start=start,
            # A new start alone moves the slot and keeps its length.
            end=data.get("end", start + (slot.end - slot.start)),
            expected_updated_at=data["expected_updated_at"],
            actor=request.user,
        )
        return self._answer(slot)

    def destroy(self, request, *args, **kwargs):
        slot = self.get_object()
        payload = SlotUnscheduleSerializer(data=request.query_params)
        payload.is_valid(raise_exception=True)
        slot_unschedule(
            slot=slot,
            expected_updated_at=payload.validated_data["expected_updated_at"],
            actor=request.user,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Add a block",
        description=(
            "Organizers only. A break, lunch, keynote, social or other block without a talk "
            "in the conference's working copy: one slot per room given, or one slot over "
            "the whole venue; all saved or none. " + SCHEDULING_REFUSALS
        ),
        request=BlockCreateSerializer,
        responses={201: WorkingSlotSerializer(many=True)},
    )
    @action(detail=False, methods=["post"], pagination_class=None, filter_backends=[])
    def blocks(self, request):
        payload = BlockCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        slots = slot_block_create(
            schedule=schedule_working(conference=data["conference"]),
            kind=data["kind"],
            title=data["title"],
            description=data["description"],
            start=data["start"],
            end=data["end"],
            rooms=data["rooms"],
            actor=request.user,
        )
        saved = self.visible_queryset().filter(pk__in=[slot.pk for slot in slots])
        return Response(self.get_serializer(saved, many=True).data, status=status.HTTP_201_CREATED)
