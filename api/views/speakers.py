"""The public speaker profiles."""

from django.db.models import QuerySet

from api import filters
from api.pagination import CursorPagePagination
from api.schema import resource_schema
from api.serializers.speakers import SpeakerSerializer
from api.views.base import PublicReadViewSet
from events.schedule.selectors import speakers_published
from members.models import Member


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
    search_fields = ("user__first_name", "user__last_name", "job_title")
    ordering_fields = ("pk",)
    ordering = ("pk",)

    def visible_queryset(self) -> QuerySet:
        return speakers_published().order_by("pk")
