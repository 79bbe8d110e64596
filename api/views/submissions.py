"""The caller's proposals: drafts, edits and the submission state machine's transitions,
through the same services as the call for papers' web form."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from api import filters
from api.permissions import IsMember, member_of, member_required, signed_in
from api.schema import resource_schema
from api.serializers.submissions import (
    SubmissionCreateSerializer,
    SubmissionSerializer,
    SubmissionUpdateSerializer,
    TransitionSerializer,
)
from api.views.base import ID_PATTERN, VisibleQuerysetMixin
from events.cfp.services import submission_create, submission_transition, submission_update
from events.models import Submission
from members.roles import is_organizer


def _transition_schema(name: str, description: str):
    return extend_schema(
        summary=name,
        description=description,
        request=TransitionSerializer,
        responses={200: SubmissionSerializer},
    )


@resource_schema(
    list=(
        "List your submissions",
        "The submissions you speak on; organizers see every submission.",
    ),
    retrieve=("A submission", "One of your submissions."),
    create=(
        "Create a submission",
        (
            "A new draft with you as its primary speaker. Submit it to send it in. "
            "`co_speakers` lists e-mail addresses: each gets an e-mailed invitation, member "
            "or not, and becomes a speaker only by accepting it with that address."
        ),
    ),
    partial_update=(
        "Edit a submission",
        (
            "Its speakers change a draft or a submitted proposal until the call for papers "
            "closes (code `cfp_closed`); a decided or withdrawn one stays as it is (code "
            "`not_editable`), and organizers change proposals in the admin (403). What is "
            "left out keeps its value; `co_speakers`, when given, replaces the co-speakers. "
            "Send the `updated_at` you read as `expected_updated_at` so that a proposal "
            "another speaker changed meanwhile is refused (400, code `stale`) rather than "
            "overwritten."
        ),
    ),
    output=SubmissionSerializer,
    create_input=SubmissionCreateSerializer,
    update_input=SubmissionUpdateSerializer,
)
class SubmissionViewSet(
    VisibleQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The caller's proposals, written through the CfP's services like the web form."""

    queryset = Submission.objects.none()
    serializer_class = SubmissionSerializer
    filterset_class = filters.SubmissionFilter
    search_fields = ("title", "abstract")
    ordering_fields = ("title", "created_at", "submitted_at")
    lookup_value_regex = ID_PATTERN

    def get_permissions(self):
        if self.action in ("create", "partial_update"):
            return [IsMember()]
        return [IsAuthenticated()]

    def visible_queryset(self) -> QuerySet:
        submissions = Submission.objects.select_related("conference").with_speakers()
        if not is_organizer(self.request.user):
            submissions = submissions.filter(
                pk__in=Submission.objects.filter(
                    speakers__user=signed_in(self.request.user)
                ).values("pk")
            )
        return submissions.order_by("-created_at", "pk")

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "member": member_of(self.request.user)}

    def create(self, request, *args, **kwargs):
        payload = SubmissionCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        submission = submission_create(
            speaker=member_required(request.user),
            session_format=data.pop("format"),
            co_speaker_emails=data.pop("co_speakers", None),
            base_url=request.build_absolute_uri("/"),
            **data,
        )
        submission = self.get_queryset().get(pk=submission.pk)
        return Response(self.get_serializer(submission).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        submission = self.get_object()
        payload = SubmissionUpdateSerializer(
            submission, data=request.data, partial=True, context=self.get_serializer_context()
        )
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        submission_update(
            submission=submission,
            actor=request.user,
            title=data.get("title", submission.title),
            abstract=data.get("abstract", submission.abstract),
            session_format=data.get("format", submission.format),
            track=data["track"] if "track" in data else submission.track,
            audience_level=data.get("audience_level", submission.audience_level),
            outline=data.get("outline", submission.outline),
            notes=data.get("notes", submission.notes),
            case_study=data["case_study"] if "case_study" in data else submission.case_study,
            co_speaker_emails=data.get("co_speakers"),
            expected_updated_at=data.get("expected_updated_at"),
            base_url=request.build_absolute_uri("/"),
        )
        return Response(self.get_serializer(self.get_object()).data)

    def _transition(self, request, to_state: str) -> Response:
        submission = self.get_object()
        payload = TransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        submission_transition(
            submission=submission,
            to_state=to_state,
            actor=request.user,
            note=payload.validated_data["note"],
        )
        return Response(self.get_serializer(self.get_object()).data)

    @_transition_schema("Submit a draft", "Sends a draft to the program committee.")
    @action(detail=True, methods=["post"])
    def submit(self, request, pk: str):
        return self._transition(request, Submission.State.SUBMITTED)

    @_transition_schema(
        "Withdraw a submission",
        "Takes the talk out; after a release only the organizers may withdraw it.",
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk: str):
        return self._transition(request, Submission.State.WITHDRAWN)

    @_transition_schema("Confirm an accepted talk", "The speaker confirms they will give it.")
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk: str):
        return self._transition(request, Submission.State.CONFIRMED)
