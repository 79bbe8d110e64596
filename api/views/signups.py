"""The caller's sign-ups for sessions that require one, with their places on waitlists.
Signing up and leaving happen on the session (SessionViewSet.signup)."""

from django.db.models import QuerySet
from rest_framework import mixins, viewsets
from rest_framework.permissions import IsAuthenticated

from api.permissions import signed_in
from api.schema import resource_schema
from api.serializers.signups import SignupSerializer
from api.views.base import VisibleQuerysetMixin
from events.attendance.selectors import signups_with_rank
from events.models import SessionSignup
from members.roles import is_organizer


@resource_schema(
    list=(
        "List your sign-ups",
        (
            "Your seats at sessions that require sign-up and your places on their "
            "waitlists (`waitlist_position`, from 1); organizers see everyone's. Sign up "
            "with POST /api/v1/sessions/{uid}/signup/, leave with DELETE on the same path."
        ),
    ),
)
class SignupViewSet(VisibleQuerysetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = SessionSignup.objects.none()
    serializer_class = SignupSerializer
    ordering_fields = ("created_at",)
    search_fields = ("registration__conference__name",)
    permission_classes = (IsAuthenticated,)

    def visible_queryset(self) -> QuerySet:
        signups = SessionSignup.objects.select_related("registration__conference")
        if not is_organizer(self.request.user):
            signups = signups.filter(registration__user=signed_in(self.request.user))
        return signups_with_rank(signups).order_by("-created_at", "pk")
