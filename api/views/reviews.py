"""The program committee's side: the submissions a reviewer may review, and reviews."""

from django.db.models import QuerySet
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.response import Response

from api import filters
from api.permissions import IsReviewer, IsReviewerOrOrganizer, signed_in
from api.schema import resource_schema
from api.serializers.reviews import (
    ReviewCreateSerializer,
    ReviewSerializer,
    ReviewSubmissionSerializer,
    ReviewUpdateSerializer,
)
from api.views.base import ID_PATTERN, VisibleQuerysetMixin
from events.models import Review, Submission
from events.review.selectors import submissions_for_review
from events.review.services import review_record, review_save
from members.roles import is_organizer


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
    permission_classes = (IsReviewer,)
    search_fields = ("title", "abstract")
    ordering_fields = ("title", "submitted_at")
    lookup_value_regex = ID_PATTERN

    def visible_queryset(self) -> QuerySet:
        return submissions_for_review(reviewer=signed_in(self.request.user)).order_by(
            "submitted_at", "pk"
        )


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
    search_fields = ("comment",)
    ordering_fields = ("created_at", "score")
    http_method_names = ("get", "post", "patch", "head", "options")
    lookup_value_regex = ID_PATTERN

    def get_permissions(self):
        if self.action in ("create", "partial_update"):
            return [IsReviewer()]
        return [IsReviewerOrOrganizer()]

    def visible_queryset(self) -> QuerySet:
        reviews = Review.objects.select_related("reviewer", "submission")
        if not is_organizer(self.request.user):
            reviews = reviews.filter(reviewer=signed_in(self.request.user))
        return reviews.order_by("-created_at", "pk")

    def create(self, request, *args, **kwargs):
        payload = ReviewCreateSerializer(
            data=request.data,
            context={"reviewable": submissions_for_review(reviewer=request.user)},
        )
        payload.is_valid(raise_exception=True)
        submission = payload.validated_data["submission"]
        review, created = review_record(
            submission=submission,
            reviewer=request.user,
            score=payload.validated_data["score"],
            comment=payload.validated_data.get("comment", ""),
        )
        return Response(
            self.get_serializer(review).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
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
