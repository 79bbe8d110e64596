"""The caller's conference registrations."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from api import filters
from api.permissions import signed_in
from api.schema import resource_schema
from api.serializers.base import choices_limit
from api.serializers.registrations import (
    RegistrationCreateSerializer,
    RegistrationSerializer,
    RegistrationTransferSerializer,
)
from api.views.base import ID_PATTERN, VisibleQuerysetMixin
from events.attendance.services import (
    registration_cancel,
    registration_create,
    registration_transfer,
)
from events.models import Registration
from members.models import Member
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
    destroy=(
        "Cancel your registration",
        (
            "Cancels your own registration: your seats at sessions with sign-up go to the "
            "first people on their waitlists, your stars and personal calendar feed go with "
            "it, and a complimentary member pass becomes free for a colleague. Refused for "
            "someone else's registration (403) and after the conference (code "
            "`conference_over`). Recorded in the audit log."
        ),
    ),
    output=RegistrationSerializer,
    create_input=RegistrationCreateSerializer,
)
class RegistrationViewSet(
    VisibleQuerysetMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
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

    def perform_destroy(self, instance: Registration) -> None:
        registration_cancel(registration=instance, actor=signed_in(self.request.user))

    @extend_schema(
        summary="Transfer a registration to a colleague",
        description=(
            "For a company's primary contact: gives the registration of someone at the "
            "company to a colleague who is not registered. The colleague gets the pass "
            "registering would give them, counting the company's complimentary passes "
            "without the one transferred; a complimentary pass that would have to become a "
            "paid one is refused (code `no_pass_left`), as is anyone but a primary contact "
            "(403). Answers the colleague's new registration. Recorded in the audit log."
        ),
        request=RegistrationTransferSerializer,
        responses={201: RegistrationSerializer},
    )
    @action(detail=False, methods=["post"])
    def transfer(self, request):
        user = signed_in(request.user)
        primary = Member.objects.filter(user=user, is_primary_contact=True).first()
        if primary is None:
            raise exceptions.PermissionDenied(
                "Only a company's primary contact transfers registrations."
            )
        payload = RegistrationTransferSerializer(data=request.data)
        choices_limit(
            payload,
            "registration",
            Registration.objects.select_related("conference", "user").filter(
                user__member__company_id=primary.company_id
            ),
        )
        choices_limit(
            payload,
            "member",
            Member.objects.select_related("user").filter(company_id=primary.company_id),
        )
        payload.is_valid(raise_exception=True)
        transferred = registration_transfer(
            registration=payload.validated_data["registration"],
            to_member=payload.validated_data["member"],
            actor=user,
        )
        transferred = (
            Registration.objects.select_related("conference")
            .prefetch_related("agenda_items")
            .get(pk=transferred.pk)
        )
        return Response(RegistrationSerializer(transferred).data, status=status.HTTP_201_CREATED)
