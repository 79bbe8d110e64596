"""The API's endpoints: thin viewsets over the selectors (reads) and the services (writes),
and the one error body every failure answers with (settings' EXCEPTION_HANDLER).

Who sees what is decided in get_queryset(): an object outside the caller's view is simply
not in it, so it answers 404 rather than 403.
"""

import functools

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes, throttle_classes
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from api import filters, serializers
from api.pagination import CursorPagePagination
from api.permissions import IsMember, IsOrganizer, IsReviewer, IsReviewerOrOrganizer, member_of
from events.models import (
    Conference,
    Registration,
    Review,
    Room,
    Schedule,
    SessionFormat,
    Slot,
    Submission,
    Track,
)
from events.selectors import (
    sessions_published,
    slots_all,
    speakers_published,
    submissions_for_review,
)
from events.services import review_save, schedule_release, submission_create, submission_transition
from members.models import CaseStudy, Member, MemberCompany
from members.roles import is_organizer
from members.services import MEMBER_PROFILE_FIELDS, member_profile_update

ID_PATTERN = "[0-9]{1,18}"
SLUG_PATTERN = "[-a-zA-Z0-9_]+"
UUID_PATTERN = "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"


# The one error body


def _flatten(errors, prefix: str = "") -> dict[str, list[str]]:
    """{"speakers": [{"member": ["…"]}]} → {"speakers.0.member": ["…"]}."""
    if isinstance(errors, dict):
        flat: dict[str, list[str]] = {}
        for key, value in errors.items():
            flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(errors, list) and any(isinstance(item, dict | list) for item in errors):
        flat = {}
        for index, value in enumerate(errors):
            flat.update(_flatten(value, f"{prefix}.{index}"))
        return flat
    messages = errors if isinstance(errors, list) else [errors]
    return {prefix: [str(message) for message in messages]} if messages else {}


def _first_code(codes) -> str:
    while isinstance(codes, dict | list):
        if not codes:
            return "invalid"
        codes = next(iter(codes.values())) if isinstance(codes, dict) else codes[0]
    return str(codes)


def exception_handler(exc, context):
    """Every error as {"status", "code", "detail", "fields"}, whatever raised it.

    A Django ValidationError from a service becomes a 400 whose dict keys are fields;
    a service's refusal for the caller's role (code "not_allowed") becomes a 403.
    """
    if isinstance(exc, DjangoValidationError):
        if getattr(exc, "code", None) == "not_allowed":
            exc = exceptions.PermissionDenied(exc.messages[0])
        else:
            exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail, fields = exc.detail, {}
    if isinstance(exc, exceptions.ValidationError):
        errors = detail if isinstance(detail, dict) else {"non_field_errors": detail}
        fields = _flatten(errors)
        general = fields.pop("non_field_errors", [])
        message = " ".join(general) or "Some fields are not valid; see `fields`."
    else:
        message = str(detail)
    response.data = {
        "status": response.status_code,
        "code": _first_code(exc.get_codes()),
        "detail": message,
        "fields": fields,
    }
    return response


# The doc pages load nothing from elsewhere: Redoc's bundle fetches a decorative logo from
# its vendor's CDN, which this policy stops in the browser (Redoc then hides the image).
DOCS_CONTENT_SECURITY_POLICY = "img-src 'self' data:; font-src 'self' data:; connect-src 'self'"


def own_assets_only(view):
    """Wrap a doc page's view so that its response carries DOCS_CONTENT_SECURITY_POLICY."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Content-Security-Policy"] = DOCS_CONTENT_SECURITY_POLICY
        return response

    return wrapped


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([])
@throttle_classes([])
def not_found(request, path: str = ""):
    """Any other path under /api/: the JSON 404 rather than the site's HTML page."""
    raise exceptions.NotFound("There is no such API endpoint.")


class VisibleQuerysetMixin:
    """get_queryset() gives what the caller may see: `visible_queryset()`, or the empty
    `queryset` while drf-spectacular inspects the view without a real caller."""

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False) or not hasattr(self, "visible_queryset"):
            return super().get_queryset()
        return self.visible_queryset()


# Public data


class PublicReadViewSet(VisibleQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID_PATTERN


@extend_schema_view(
    list=extend_schema(summary="List conferences", description="Every conference, newest first."),
    retrieve=extend_schema(summary="A conference", description="One conference by slug."),
)
class ConferenceViewSet(PublicReadViewSet):
    queryset = Conference.objects.none()
    serializer_class = serializers.ConferenceSerializer
    filterset_class = filters.ConferenceFilter
    search_fields = ["name", "venue"]
    ordering_fields = ["starts_on", "name"]
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
            "a changelog; the public then sees this version."
        ),
        request=serializers.ReleaseSerializer,
        responses={201: serializers.ScheduleSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsOrganizer])
    def release(self, request, slug: str):
        conference = self.get_object()
        payload = serializers.ReleaseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        release = schedule_release(
            conference=conference,
            version=payload.validated_data["version"],
            note=payload.validated_data["note"],
            actor=request.user,
        )
        return Response(
            serializers.ScheduleSerializer(release).data, status=status.HTTP_201_CREATED
        )


@extend_schema_view(
    list=extend_schema(summary="List tracks", description="Tracks of every conference."),
    retrieve=extend_schema(summary="A track", description="One track by id."),
)
class TrackViewSet(PublicReadViewSet):
    queryset = Track.objects.select_related("conference").order_by("conference", "order", "pk")
    serializer_class = serializers.TrackSerializer
    filterset_class = filters.TrackFilter
    search_fields = ["name", "description"]
    ordering_fields = ["name", "order"]


@extend_schema_view(
    list=extend_schema(summary="List rooms", description="Rooms of every conference."),
    retrieve=extend_schema(summary="A room", description="One room by id."),
)
class RoomViewSet(PublicReadViewSet):
    queryset = Room.objects.select_related("conference").order_by("conference", "order", "pk")
    serializer_class = serializers.RoomSerializer
    filterset_class = filters.RoomFilter
    search_fields = ["name"]
    ordering_fields = ["name", "order", "capacity"]


@extend_schema_view(
    list=extend_schema(summary="List session formats", description="Formats of every conference."),
    retrieve=extend_schema(summary="A session format", description="One format by id."),
)
class SessionFormatViewSet(PublicReadViewSet):
    queryset = SessionFormat.objects.select_related("conference").order_by(
        "conference", "duration_minutes", "pk"
    )
    serializer_class = serializers.SessionFormatSerializer
    filterset_class = filters.SessionFormatFilter
    search_fields = ["name", "description"]
    ordering_fields = ["name", "duration_minutes"]


@extend_schema_view(
    list=extend_schema(
        summary="List sessions",
        description=(
            "The sessions of each conference's latest released agenda, talks and blocks. "
            "Cancelled sessions stay in the list with `cancelled: true`, as in the calendar "
            "feeds; `?cancelled=false` leaves them out. Cursor-paginated."
        ),
    ),
    retrieve=extend_schema(
        summary="A session", description="One session by the uid it keeps across releases."
    ),
)
class SessionViewSet(PublicReadViewSet):
    queryset = Slot.objects.none()
    serializer_class = serializers.SessionSerializer
    filterset_class = filters.SlotFilter
    pagination_class = CursorPagePagination
    search_fields = ["title", "submission__title", "submission__abstract"]
    ordering_fields = ["start"]
    ordering = ["start", "pk"]
    lookup_field = "uid"
    lookup_value_regex = UUID_PATTERN

    def visible_queryset(self) -> QuerySet:
        return sessions_published().order_by("start", "pk")


@extend_schema_view(
    list=extend_schema(
        summary="List speakers",
        description=(
            "People with a public speaker profile who speak in a session of a latest "
            "release. Cursor-paginated."
        ),
    ),
    retrieve=extend_schema(summary="A speaker", description="One speaker by member id."),
)
class SpeakerViewSet(PublicReadViewSet):
    queryset = Member.objects.none()
    serializer_class = serializers.SpeakerSerializer
    filterset_class = filters.SpeakerFilter
    pagination_class = CursorPagePagination
    search_fields = ["user__first_name", "user__last_name", "job_title"]
    ordering_fields = ["pk"]
    ordering = ["pk"]

    def visible_queryset(self) -> QuerySet:
        return speakers_published().order_by("pk")


@extend_schema_view(
    list=extend_schema(
        summary="List member companies",
        description=(
            "Companies listed in the directory; organizers see every company. Cursor-paginated."
        ),
    ),
    retrieve=extend_schema(summary="A member company", description="One company by slug."),
)
class CompanyViewSet(PublicReadViewSet):
    queryset = MemberCompany.objects.none()
    serializer_class = serializers.CompanySerializer
    filterset_class = filters.CompanyFilter
    pagination_class = CursorPagePagination
    search_fields = ["name", "description"]
    ordering_fields = ["name"]
    ordering = ["name", "pk"]
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN

    def visible_queryset(self) -> QuerySet:
        companies = MemberCompany.objects.all()
        if not is_organizer(self.request.user):
            companies = companies.in_directory()
        return companies.order_by("name", "pk")


@extend_schema_view(
    list=extend_schema(
        summary="List case studies",
        description=(
            "Published case studies; members also see their own company's drafts, "
            "organizers every case study."
        ),
    ),
    retrieve=extend_schema(summary="A case study", description="One case study by id."),
)
class CaseStudyViewSet(PublicReadViewSet):
    """Phase 2 adds the company's writes (create, edit, submit for review) here."""

    queryset = CaseStudy.objects.none()
    serializer_class = serializers.CaseStudySerializer
    filterset_class = filters.CaseStudyFilter
    search_fields = ["title", "challenge", "solution", "results"]
    ordering_fields = ["published_at", "title"]

    def visible_queryset(self) -> QuerySet:
        studies = CaseStudy.objects.select_related("company").prefetch_related("products")
        user = self.request.user
        if not is_organizer(user):
            member = member_of(user)
            visible = CaseStudy.objects.published()
            if member is not None and member.company_id is not None:
                visible = visible | CaseStudy.objects.filter(company_id=member.company_id)
            studies = studies.filter(pk__in=visible.values("pk"))
        return studies.order_by("-published_at", "title", "pk")


@extend_schema_view(
    list=extend_schema(
        summary="List schedules",
        description="Released versions of each agenda; organizers also see the working copy.",
    ),
    retrieve=extend_schema(summary="A schedule", description="One schedule by id."),
)
class ScheduleViewSet(PublicReadViewSet):
    queryset = Schedule.objects.none()
    serializer_class = serializers.ScheduleSerializer
    filterset_class = filters.ScheduleFilter
    search_fields = ["version", "note"]
    ordering_fields = ["released_at"]

    def visible_queryset(self) -> QuerySet:
        schedules = Schedule.objects.select_related("conference")
        if not is_organizer(self.request.user):
            schedules = schedules.exclude(version="")
        return schedules.order_by("conference", "-released_at", "pk")


@extend_schema_view(
    list=extend_schema(
        summary="List slots of any schedule",
        description=(
            "Organizers only: every slot of the working copies and of the releases. "
            "Cursor-paginated."
        ),
    ),
    retrieve=extend_schema(summary="A slot", description="One slot by id."),
)
class SlotViewSet(PublicReadViewSet):
    """Read-only for now; phase 2 adds place (create), move (update) and unschedule
    (destroy) through events.services.slot_save, as the agenda builder does."""

    queryset = Slot.objects.none()
    serializer_class = serializers.WorkingSlotSerializer
    filterset_class = filters.SlotScheduleFilter
    pagination_class = CursorPagePagination
    permission_classes = [IsOrganizer]
    search_fields = ["title", "submission__title"]
    ordering_fields = ["start"]
    ordering = ["start", "pk"]

    def visible_queryset(self) -> QuerySet:
        return slots_all().order_by("start", "pk")


# The caller's own data


@extend_schema_view(
    retrieve=extend_schema(summary="Your member profile", description="The caller's profile."),
    partial_update=extend_schema(
        summary="Change your member profile",
        description="Job title, bio, public profile and social handles; the rest is read-only.",
    ),
)
class MeViewSet(mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.MemberProfileSerializer
    permission_classes = [IsMember]
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        return member_of(self.request.user)

    def perform_update(self, serializer) -> None:
        fields = {
            name: value
            for name, value in serializer.validated_data.items()
            if name in MEMBER_PROFILE_FIELDS
        }
        serializer.instance = member_profile_update(user=serializer.instance.user, **fields)


def _transition_schema(name: str, description: str):
    return extend_schema(
        summary=name,
        description=description,
        request=serializers.TransitionSerializer,
        responses={200: serializers.SubmissionSerializer},
    )


@extend_schema_view(
    list=extend_schema(
        summary="List your submissions",
        description="The submissions you speak on; organizers see every submission.",
    ),
    retrieve=extend_schema(summary="A submission", description="One of your submissions."),
    create=extend_schema(
        summary="Create a submission",
        description="A new draft with you as its primary speaker. Submit it to send it in.",
        request=serializers.SubmissionCreateSerializer,
        responses={201: serializers.SubmissionSerializer},
    ),
)
class SubmissionViewSet(
    VisibleQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Phase 2 adds the edit (PATCH) here, through the CfP's submission-edit service."""

    queryset = Submission.objects.none()
    serializer_class = serializers.SubmissionSerializer
    filterset_class = filters.SubmissionFilter
    search_fields = ["title", "abstract"]
    ordering_fields = ["title", "created_at", "submitted_at"]
    lookup_value_regex = ID_PATTERN

    def get_permissions(self):
        if self.action == "create":
            return [IsMember()]
        return [IsAuthenticated()]

    def visible_queryset(self) -> QuerySet:
        submissions = Submission.objects.select_related("conference").with_speakers()
        if not is_organizer(self.request.user):
            submissions = submissions.filter(
                pk__in=Submission.objects.filter(speakers__user=self.request.user).values("pk")
            )
        return submissions.order_by("-created_at", "pk")

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "member": member_of(self.request.user)}

    def create(self, request, *args, **kwargs):
        payload = serializers.SubmissionCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        submission = submission_create(
            speaker=member_of(request.user), session_format=data.pop("format"), **data
        )
        submission = self.get_queryset().get(pk=submission.pk)
        return Response(self.get_serializer(submission).data, status=status.HTTP_201_CREATED)

    def _transition(self, request, to_state: str) -> Response:
        submission = self.get_object()
        payload = serializers.TransitionSerializer(data=request.data)
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


@extend_schema_view(
    list=extend_schema(
        summary="List your registrations",
        description="Your conference registrations and starred sessions; organizers see all.",
    ),
    retrieve=extend_schema(summary="A registration", description="One of your registrations."),
)
class RegistrationViewSet(VisibleQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Phase 2 adds star and unstar actions here."""

    queryset = Registration.objects.none()
    serializer_class = serializers.RegistrationSerializer
    filterset_class = filters.RegistrationFilter
    ordering_fields = ["created_at"]
    search_fields = ["conference__name"]
    lookup_value_regex = ID_PATTERN
    permission_classes = [IsAuthenticated]

    def visible_queryset(self) -> QuerySet:
        registrations = Registration.objects.select_related("conference").prefetch_related(
            "agenda_items"
        )
        if not is_organizer(self.request.user):
            registrations = registrations.filter(user=self.request.user)
        return registrations.order_by("-created_at", "pk")


# Reviewers


@extend_schema_view(
    list=extend_schema(
        summary="List submissions to review",
        description=(
            "Submitted proposals you may review: none you speak on and none from your "
            "company. Without speakers and case study when the conference reviews "
            "anonymously."
        ),
    ),
    retrieve=extend_schema(summary="A submission to review", description="One of them."),
)
class ReviewSubmissionViewSet(VisibleQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Submission.objects.none()
    serializer_class = serializers.ReviewSubmissionSerializer
    filterset_class = filters.ReviewSubmissionFilter
    permission_classes = [IsReviewer]
    search_fields = ["title", "abstract"]
    ordering_fields = ["title", "submitted_at"]
    lookup_value_regex = ID_PATTERN

    def visible_queryset(self) -> QuerySet:
        return submissions_for_review(reviewer=self.request.user).order_by("submitted_at", "pk")


@extend_schema_view(
    list=extend_schema(
        summary="List reviews",
        description="Your reviews; organizers see every review.",
    ),
    retrieve=extend_schema(summary="A review", description="One review by id."),
    create=extend_schema(
        summary="Review a submission",
        description=(
            "Program committee only. Creates your review, or changes it if you already "
            "reviewed the submission (then answers 200)."
        ),
        request=serializers.ReviewCreateSerializer,
        responses={201: serializers.ReviewSerializer, 200: serializers.ReviewSerializer},
    ),
    partial_update=extend_schema(
        summary="Change your review",
        description="Your own review only, while the submission is under review.",
        request=serializers.ReviewUpdateSerializer,
        responses={200: serializers.ReviewSerializer},
    ),
)
class ReviewViewSet(
    VisibleQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Review.objects.none()
    serializer_class = serializers.ReviewSerializer
    filterset_class = filters.ReviewFilter
    search_fields = ["comment"]
    ordering_fields = ["created_at", "score"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_regex = ID_PATTERN

    def get_permissions(self):
        if self.action in ("create", "partial_update"):
            return [IsReviewer()]
        return [IsReviewerOrOrganizer()]

    def visible_queryset(self) -> QuerySet:
        reviews = Review.objects.select_related("reviewer", "submission")
        if not is_organizer(self.request.user):
            reviews = reviews.filter(reviewer=self.request.user)
        return reviews.order_by("-created_at", "pk")

    def create(self, request, *args, **kwargs):
        payload = serializers.ReviewCreateSerializer(
            data=request.data,
            context={"reviewable": submissions_for_review(reviewer=request.user)},
        )
        payload.is_valid(raise_exception=True)
        submission = payload.validated_data["submission"]
        existed = Review.objects.filter(submission=submission, reviewer=request.user).exists()
        review = review_save(
            submission=submission,
            reviewer=request.user,
            score=payload.validated_data["score"],
            comment=payload.validated_data.get("comment", ""),
        )
        return Response(
            self.get_serializer(review).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )

    def partial_update(self, request, *args, **kwargs):
        review = self.get_object()
        if review.reviewer_id != request.user.pk:
            raise exceptions.PermissionDenied("Only its reviewer may change a review.")
        payload = serializers.ReviewUpdateSerializer(review, data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        review = review_save(
            submission=review.submission,
            reviewer=request.user,
            score=payload.validated_data.get("score", review.score),
            comment=payload.validated_data.get("comment", review.comment),
        )
        return Response(self.get_serializer(review).data)
