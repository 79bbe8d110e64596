"""The member company directory and the case study library, with the case studies'
drafts, review and publication through members.services."""

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from api import filters
from api.pagination import CursorPagePagination
from api.permissions import IsMember, IsOrganizer, member_of, member_required
from api.schema import resource_schema
from api.serializers.companies import (
    CaseStudySerializer,
    CaseStudyWriteSerializer,
    CompanySerializer,
)
from api.views.base import SLUG_PATTERN, PublicReadViewSet
from members.models import CaseStudy, MemberCompany
from members.roles import is_organizer
from members.services.case_studies import (
    case_study_publish,
    case_study_return_to_draft,
    case_study_save,
    case_study_submit,
)


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
    search_fields = ("name", "description")
    ordering_fields = ("name",)
    ordering = ("name", "pk")
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
    search_fields = ("title", "challenge", "solution", "results")
    ordering_fields = ("published_at", "title")

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
            member=member_required(request.user),
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
            member=member_required(request.user),
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
        study = case_study_submit(
            case_study=self.get_object(), member=member_required(request.user)
        )
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
