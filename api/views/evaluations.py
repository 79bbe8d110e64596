"""Evaluations by program, with the site's rules: an attendee evaluates a session they
attended once it has ended, once; speakers read their own sessions' results and organizers
every session's."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from api.permissions import signed_in
from api.schema import resource_schema
from api.serializers.evaluations import (
    EvaluationCreateSerializer,
    EvaluationResultSerializer,
    EvaluationSerializer,
)
from api.views.base import VisibleQuerysetMixin
from events.attendance.selectors import registration_for
from events.evaluations.selectors import evaluation_results, speaker_member
from events.evaluations.services import evaluation_submit
from events.models import Conference, Evaluation
from members.roles import is_organizer


@resource_schema(
    list=("List your evaluations", "The evaluations you gave, newest first."),
    create=(
        "Evaluate a session",
        (
            "Rate a session you attended (recorded at it when the conference takes session "
            "attendance, else starred) once it has ended: content and speaker from 1 to 5, "
            "and an optional comment. One per person and session. Refused (400) under "
            "`session`: `unknown_session`, `not_ended`, `not_attended`, `already_evaluated`; "
            "under `conference`: `not_registered`."
        ),
    ),
    output=EvaluationSerializer,
    create_input=EvaluationCreateSerializer,
)
class EvaluationViewSet(
    VisibleQuerysetMixin, mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    queryset = Evaluation.objects.none()
    serializer_class = EvaluationSerializer
    permission_classes = (IsAuthenticated,)
    filter_backends = ()

    def visible_queryset(self) -> QuerySet:
        return (
            Evaluation.objects.filter(registration__user=signed_in(self.request.user))
            .select_related("registration__conference")
            .order_by("-created_at", "-pk")
        )

    def create(self, request, *args, **kwargs):
        payload = EvaluationCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        conference = payload.validated_data["conference"]
        registration = registration_for(conference=conference, user=request.user, with_agenda=False)
        if registration is None:
            raise ValidationError(
                {
                    "conference": ValidationError(
                        f"You are not registered for {conference.name}.", code="not_registered"
                    )
                }
            )
        evaluation = evaluation_submit(
            registration=registration,
            slot_uid=payload.validated_data["session"],
            content_rating=payload.validated_data["content_rating"],
            speaker_rating=payload.validated_data["speaker_rating"],
            comment=payload.validated_data.get("comment", ""),
        )
        return Response(self.get_serializer(evaluation).data, status=status.HTTP_201_CREATED)


CONFERENCE_PARAMETER = OpenApiParameter(
    "conference", str, required=True, description="The conference's slug."
)


class EvaluationResultViewSet(viewsets.GenericViewSet):
    serializer_class = EvaluationResultSerializer
    permission_classes = (IsAuthenticated,)
    filter_backends = ()

    @extend_schema(
        summary="List evaluation results",
        description=(
            "Each talk of the conference's latest release with its number of evaluations, "
            "average ratings and comments (without names): organizers see every talk, "
            "speakers their own, anyone else none. `conference` is required (400 without, "
            "404 for an unknown one)."
        ),
        parameters=[CONFERENCE_PARAMETER],
    )
    def list(self, request, *args, **kwargs):
        slug = request.query_params.get("conference", "")
        if not slug:
            raise ValidationError(
                {"conference": ValidationError("Name the conference.", code="required")}
            )
        conference = get_object_or_404(Conference, slug=slug)
        if is_organizer(request.user):
            results = evaluation_results(conference=conference, comments=True)
        else:
            member = speaker_member(conference=conference, user=request.user)
            results = (
                []
                if member is None
                else evaluation_results(conference=conference, member_id=member.pk, comments=True)
            )
        page = self.paginate_queryset(results)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
