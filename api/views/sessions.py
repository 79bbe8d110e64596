"""The public agenda: the sessions of each conference's latest release, and the stars
that put them on the caller's personal agenda."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from api import filters
from api.pagination import CursorPagePagination
from api.permissions import signed_in
from api.schema import resource_schema
from api.serializers.registrations import RegistrationSerializer
from api.serializers.sessions import SessionSerializer
from api.serializers.signups import SignupSerializer
from api.views.base import UUID_PATTERN, PublicReadViewSet
from events.attendance.selectors import signups_with_rank
from events.attendance.services import agenda_star, agenda_unstar, signup_join, signup_leave
from events.models import Registration, SessionSignup, Slot
from events.schedule.selectors import sessions_published


@resource_schema(
    list=(
        "List sessions",
        (
            "The sessions of each conference's latest released agenda, talks and blocks. "
            "Cancelled sessions stay in the list with `cancelled: true`, as in the calendar "
            "feeds; `?cancelled=false` leaves them out. Cursor-paginated."
        ),
    ),
    retrieve=("A session", "One session by the uid it keeps across releases."),
)
class SessionViewSet(PublicReadViewSet):
    queryset = Slot.objects.none()
    serializer_class = SessionSerializer
    filterset_class = filters.SlotFilter
    pagination_class = CursorPagePagination
    search_fields = ("title", "submission__title", "submission__abstract")
    ordering_fields = ("start",)
    ordering = ("start", "pk")
    lookup_field = "uid"
    lookup_value_regex = UUID_PATTERN

    def visible_queryset(self) -> QuerySet:
        return sessions_published().order_by("start", "pk")

    def _registration(self, session: Slot) -> Registration:
        registration = (
            Registration.objects.select_related("conference")
            .filter(user=signed_in(self.request.user), conference_id=session.schedule.conference_id)
            .first()
        )
        if registration is None:
            raise exceptions.ValidationError(
                f"Register for {session.schedule.conference.name} first "
                "(POST /api/v1/registrations/).",
                code="not_registered",
            )
        return registration

    @extend_schema(
        methods=["POST"],
        summary="Star a session",
        description=(
            "Adds the session to your personal agenda (your registration for its "
            "conference); starring a starred session changes nothing. Refused for a "
            "cancelled session (code `cancelled`) and without a registration "
            "(code `not_registered`). Answers your registration."
        ),
        request=None,
        responses={200: RegistrationSerializer},
    )
    @extend_schema(
        methods=["DELETE"],
        summary="Unstar a session",
        description=(
            "Takes the session off your personal agenda; cancelled sessions too. "
            "Answers your registration."
        ),
        request=None,
        responses={200: RegistrationSerializer},
    )
    @action(detail=True, methods=["post", "delete"], permission_classes=[IsAuthenticated])
    def star(self, request, uid: str):
        session = self.get_object()
        registration = self._registration(session)
        if request.method == "POST":
            agenda_star(registration=registration, slot_uid=session.uid)
        else:
            agenda_unstar(registration=registration, slot_uid=session.uid)
        registration = Registration.objects.prefetch_related("agenda_items").get(pk=registration.pk)
        return Response(RegistrationSerializer(registration).data)

    @extend_schema(
        methods=["POST"],
        summary="Sign up for a session",
        description=(
            "Takes a seat at a session that requires sign-up (`signup_required`), or, once "
            "its `seats` are taken, a place at the end of its waitlist: the answer's "
            "`state` is `confirmed` or `waitlisted` with your `waitlist_position`. When a "
            "seat comes free the first person waiting gets it and is e-mailed. Signing up "
            "again changes nothing. Refused for a session that needs no sign-up (code "
            "`no_signup`), is cancelled (`cancelled`) or has begun (`signup_closed`), and "
            "without a registration (`not_registered`)."
        ),
        request=None,
        responses={200: SignupSerializer},
    )
    @extend_schema(
        methods=["DELETE"],
        summary="Leave a session",
        description=(
            "Gives up your seat, which goes to the first person on the waitlist, or your "
            "place on the waitlist. Answers 204 whether or not you were signed up."
        ),
        request=None,
        responses={204: None},
    )
    @action(detail=True, methods=["post", "delete"], permission_classes=[IsAuthenticated])
    def signup(self, request, uid: str):
        session = self.get_object()
        registration = self._registration(session)
        if request.method == "DELETE":
            signup_leave(registration=registration, slot_uid=session.uid)
            return Response(status=status.HTTP_204_NO_CONTENT)
        joined = signup_join(registration=registration, slot_uid=session.uid)
        signup = signups_with_rank(
            SessionSignup.objects.select_related("registration__conference").filter(pk=joined.pk)
        ).get()
        return Response(SignupSerializer(signup).data)
