"""The caller's conference registrations."""

from django.db.models import QuerySet
from rest_framework import mixins, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from api import filters
from api.permissions import signed_in
from api.schema import resource_schema
from api.serializers.registrations import RegistrationCreateSerializer, RegistrationSerializer
from api.views.base import ID_PATTERN, VisibleQuerysetMixin
from events.attendance.services import registration_create
from events.models import Registration
from members.roles import is_organizer


@resource_schema(
    list=(
        "List your registrations",
        "Your conference registrations and starred sessions; organizers see all.",
    ),
    retrieve=("A registration", "One of your registrations."),
    create=(
        "Register for a conference",
        (
            "Registers you with the pass your role and company give (staff, speaker, a "
            "complimentary member pass while your company has any left, else paid). "
            "Refused a second time (code `already_registered`) and after the conference "
            "(code `conference_over`). Star sessions with POST /api/v1/sessions/{uid}/star/."
        ),
    ),
    output=RegistrationSerializer,
    create_input=RegistrationCreateSerializer,
)
class RegistrationViewSet(
    VisibleQuerysetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """The caller's registrations; stars are set on the sessions (SessionViewSet.star)."""

    queryset = Registration.objects.none()
    serializer_class = RegistrationSerializer
    filterset_class = filters.RegistrationFilter
    ordering_fields = ("created_at",)
    search_fields = ("conference__name",)
    lookup_value_regex = ID_PATTERN
    permission_classes = (IsAuthenticated,)

    def visible_queryset(self) -> QuerySet:
        registrations = Registration.objects.select_related("conference").prefetch_related(
            "agenda_items"
        )
        if not is_organizer(self.request.user):
            registrations = registrations.filter(user=signed_in(self.request.user))
        return registrations.order_by("-created_at", "pk")

    def create(self, request, *args, **kwargs):
        payload = RegistrationCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        registration = registration_create(
            conference=payload.validated_data["conference"], user=request.user
        )
        registration = self.visible_queryset().get(pk=registration.pk)
        return Response(self.get_serializer(registration).data, status=status.HTTP_201_CREATED)
