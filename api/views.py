"""The API's endpoints: thin viewsets over the selectors (reads) and the services (writes),
and the one error body every failure answers with (settings' EXCEPTION_HANDLER).

Who sees what is decided in get_queryset(): an object outside the caller's view is simply
not in it, so it answers 404 rather than 403.
"""

import functools

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes, throttle_classes
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from api import filters
from api.pagination import CursorPagePagination
from api.permissions import IsMember, IsOrganizer, IsReviewer, IsReviewerOrOrganizer, member_of
from api.schema import resource_schema
from api.serializers.companies import (
    CaseStudySerializer,
    CaseStudyWriteSerializer,
    CompanySerializer,
)
from api.serializers.conferences import (
    ConferenceSerializer,
    RoomSerializer,
    SessionFormatSerializer,
    TrackSerializer,
)
from api.serializers.me import MemberProfileSerializer
from api.serializers.registrations import RegistrationCreateSerializer, RegistrationSerializer
from api.serializers.reviews import (
    ReviewCreateSerializer,
    ReviewSerializer,
    ReviewSubmissionSerializer,
    ReviewUpdateSerializer,
)
from api.serializers.schedules import (
    BlockCreateSerializer,
    ReleaseSerializer,
    ScheduleSerializer,
    SlotMoveSerializer,
    SlotPlaceSerializer,
    SlotUnscheduleSerializer,
    WorkingSlotSerializer,
)
from api.serializers.sessions import SessionSerializer
from api.serializers.speakers import SpeakerSerializer
from api.serializers.submissions import (
    SubmissionCreateSerializer,
    SubmissionSerializer,
    SubmissionUpdateSerializer,
    TransitionSerializer,
)
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
from events.services import (
    agenda_star,
    agenda_unstar,
    registration_create,
    review_save,
    schedule_release,
    schedule_working,
    slot_block_create,
    slot_move,
    slot_place,
    slot_unschedule,
    submission_create,
    submission_transition,
    submission_update,
)
from members.models import CaseStudy, Member, MemberCompany
from members.roles import is_organizer
from members.services import (
    MEMBER_PROFILE_FIELDS,
    case_study_publish,
    case_study_return_to_draft,
    case_study_save,
    case_study_submit,
    member_profile_update,
)

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
    a service's refusal for the caller's role (code "not_allowed", or Django's
    PermissionDenied) becomes a 403 with the service's message.
    """
    if isinstance(exc, DjangoValidationError):
        if getattr(exc, "code", None) == "not_allowed":
            exc = exceptions.PermissionDenied(exc.messages[0])
        else:
            exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
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


@resource_schema(
    list=("List conferences", "Every conference, newest first."),
    retrieve=("A conference", "One conference by slug."),
)
class ConferenceViewSet(PublicReadViewSet):
    queryset = Conference.objects.none()
    serializer_class = ConferenceSerializer
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
        request=ReleaseSerializer,
        responses={201: ScheduleSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsOrganizer])
    def release(self, request, slug: str):
        conference = self.get_object()
        payload = ReleaseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
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
    search_fields = ["name", "description"]
    ordering_fields = ["name", "order"]


@resource_schema(
    list=("List rooms", "Rooms of every conference."),
    retrieve=("A room", "One room by id."),
)
class RoomViewSet(PublicReadViewSet):
    queryset = Room.objects.select_related("conference").order_by("conference", "order", "pk")
    serializer_class = RoomSerializer
    filterset_class = filters.RoomFilter
    search_fields = ["name"]
    ordering_fields = ["name", "order", "capacity"]


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
    search_fields = ["name", "description"]
    ordering_fields = ["name", "duration_minutes"]


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
    search_fields = ["title", "submission__title", "submission__abstract"]
    ordering_fields = ["start"]
    ordering = ["start", "pk"]
    lookup_field = "uid"
    lookup_value_regex = UUID_PATTERN

    def visible_queryset(self) -> QuerySet:
        return sessions_published().order_by("start", "pk")

    def _registration(self, session: Slot) -> Registration:
        registration = (
            Registration.objects.select_related("conference")
            .filter(user=self.request.user, conference_id=session.schedule.conference_id)
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


@resource_schema(
    list=(
        "List speakers",
        (
            "People with a public speaker profile who speak in a session of a latest "
            "release. Cursor-paginated."
        ),
    ),
    retrieve=("A speaker", "One speaker by member id."),
)
class SpeakerViewSet(PublicReadViewSet):
    queryset = Member.objects.none()
    serializer_class = SpeakerSerializer
    filterset_class = filters.SpeakerFilter
    pagination_class = CursorPagePagination
    search_fields = ["user__first_name", "user__last_name", "job_title"]
    ordering_fields = ["pk"]
    ordering = ["pk"]

    def visible_queryset(self) -> QuerySet:
        return speakers_published().order_by("pk")


@resource_schema(
    list=(
        "List member companies",
        "Companies listed in the directory; organizers see every company. Cursor-paginated.",
    ),
    retrieve=("A member company", "One company by slug."),
)
class CompanyViewSet(PublicReadViewSet):
    queryset = MemberCompany.objects.none()
    serializer_class = CompanySerializer
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


def _case_study_action(name: str, description: str):
    return extend_schema(
        summary=name,
        description=description,
        request=None,
        responses={200: CaseStudySerializer},
    )


@resource_schema(
    list=(
        "List case studies",
        (
            "Published case studies; members also see their own company's drafts, "
            "organizers every case study."
        ),
    ),
    retrieve=("A case study", "One case study by id."),
    create=(
        "Write a case study",
        (
            "A new draft of your company's, with you as its author. People without a "
            "company may not (403). Submit it for the organizers' review when it is ready."
        ),
    ),
    partial_update=(
        "Change a case study",
        (
            "Your company's drafts only: one in review or published is the organizers' "
            "(400); another company's answers 403 if published, else 404."
        ),
    ),
    output=CaseStudySerializer,
    create_input=CaseStudyWriteSerializer,
    update_input=CaseStudyWriteSerializer,
)
class CaseStudyViewSet(PublicReadViewSet):
    """The public library, and the writes of the company's people and the organizers,
    each through members.services."""

    queryset = CaseStudy.objects.none()
    serializer_class = CaseStudySerializer
    filterset_class = filters.CaseStudyFilter
    search_fields = ["title", "challenge", "solution", "results"]
    ordering_fields = ["published_at", "title"]

    def get_permissions(self):
        if self.action in ("create", "partial_update", "submit"):
            return [IsMember()]
        if self.action in ("publish", "return_to_draft"):
            return [IsOrganizer()]
        return super().get_permissions()

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

    def _answer(self, study: CaseStudy, code: int = status.HTTP_200_OK) -> Response:
        study = self.visible_queryset().get(pk=study.pk)
        return Response(self.get_serializer(study).data, status=code)

    def create(self, request, *args, **kwargs):
        payload = CaseStudyWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        study = case_study_save(
            member=member_of(request.user),
            title=data["title"],
            challenge=data["challenge"],
            solution=data["solution"],
            results=data["results"],
            products=list(data.get("products", [])),
        )
        return self._answer(study, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        study = self.get_object()
        payload = CaseStudyWriteSerializer(study, data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        study = case_study_save(
            member=member_of(request.user),
            case_study=study,
            title=data.get("title", study.title),
            challenge=data.get("challenge", study.challenge),
            solution=data.get("solution", study.solution),
            results=data.get("results", study.results),
            products=list(data["products"] if "products" in data else study.products.all()),
        )
        return self._answer(study)

    @_case_study_action(
        "Submit a case study for review",
        "Your company's draft goes to the organizers, who publish it or return it.",
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk: str):
        study = case_study_submit(case_study=self.get_object(), member=member_of(request.user))
        return self._answer(study)

    @_case_study_action(
        "Publish a case study",
        "Organizers only. A case study in review joins the public library and its feed.",
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk: str):
        study = case_study_publish(
            case_study=self.get_object(), actor=request.user, now=timezone.now()
        )
        return self._answer(study)

    @_case_study_action(
        "Return a case study to its authors",
        "Organizers only. A case study in review goes back to its company as a draft.",
    )
    @action(detail=True, methods=["post"], url_path="return-to-draft")
    def return_to_draft(self, request, pk: str):
        study = case_study_return_to_draft(case_study=self.get_object(), actor=request.user)
        return self._answer(study)


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
    search_fields = ["version", "note"]
    ordering_fields = ["released_at"]

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
    the same scheduling services as the agenda builder (events.builder)."""

    queryset = Slot.objects.none()
    serializer_class = WorkingSlotSerializer
    filterset_class = filters.SlotScheduleFilter
    pagination_class = CursorPagePagination
    permission_classes = [IsOrganizer]
    search_fields = ["title", "submission__title"]
    ordering_fields = ["start"]
    ordering = ["start", "pk"]

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


# The caller's own data


@resource_schema(
    retrieve=("Your member profile", "The caller's profile."),
    partial_update=(
        "Change your member profile",
        "Job title, bio, public profile and social handles; the rest is read-only.",
    ),
)
class MeViewSet(mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    serializer_class = MemberProfileSerializer
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
            "`co_speakers` lists e-mail addresses: members with the address join at once, "
            "anyone else gets an e-mailed invitation."
        ),
    ),
    partial_update=(
        "Edit a submission",
        (
            "Its speakers change a draft or a submitted proposal until the call for papers "
            "closes (code `cfp_closed`); a decided or withdrawn one stays as it is (code "
            "`not_editable`), and organizers change proposals in the admin (403). What is "
            "left out keeps its value; `co_speakers`, when given, replaces the co-speakers."
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
    search_fields = ["title", "abstract"]
    ordering_fields = ["title", "created_at", "submitted_at"]
    lookup_value_regex = ID_PATTERN

    def get_permissions(self):
        if self.action in ("create", "partial_update"):
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
        payload = SubmissionCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        submission = submission_create(
            speaker=member_of(request.user),
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

    def create(self, request, *args, **kwargs):
        payload = RegistrationCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        registration = registration_create(
            conference=payload.validated_data["conference"], user=request.user
        )
        registration = self.visible_queryset().get(pk=registration.pk)
        return Response(self.get_serializer(registration).data, status=status.HTTP_201_CREATED)


# Reviewers


@resource_schema(
    list=(
        "List submissions to review",
        (
            "Submitted proposals you may review: none you speak on and none from your "
            "company. Without speakers and case study when the conference reviews "
            "anonymously."
        ),
    ),
    retrieve=("A submission to review", "One of them."),
)
class ReviewSubmissionViewSet(VisibleQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Submission.objects.none()
    serializer_class = ReviewSubmissionSerializer
    filterset_class = filters.ReviewSubmissionFilter
    permission_classes = [IsReviewer]
    search_fields = ["title", "abstract"]
    ordering_fields = ["title", "submitted_at"]
    lookup_value_regex = ID_PATTERN

    def visible_queryset(self) -> QuerySet:
        return submissions_for_review(reviewer=self.request.user).order_by("submitted_at", "pk")


@resource_schema(
    list=("List reviews", "Your reviews; organizers see every review."),
    retrieve=("A review", "One review by id."),
    create=(
        "Review a submission",
        (
            "Program committee only. Creates your review, or changes it if you already "
            "reviewed the submission (then answers 200)."
        ),
    ),
    partial_update=(
        "Change your review",
        "Your own review only, while the submission is under review.",
    ),
    output=ReviewSerializer,
    create_input=ReviewCreateSerializer,
    create_statuses=(201, 200),
    update_input=ReviewUpdateSerializer,
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
    serializer_class = ReviewSerializer
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
        payload = ReviewCreateSerializer(
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
        payload = ReviewUpdateSerializer(review, data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        review = review_save(
            submission=review.submission,
            reviewer=request.user,
            score=payload.validated_data.get("score", review.score),
            comment=payload.validated_data.get("comment", review.comment),
        )
        return Response(self.get_serializer(review).data)
