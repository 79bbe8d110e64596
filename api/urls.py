"""The API's URLs under /api/: version 1's resources, the schema and its two doc pages."""

from django.urls import include, path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from api.views.base import not_found, own_assets_only
from api.views.checkins import CheckInViewSet, SessionAttendanceViewSet
from api.views.companies import CaseStudyViewSet, CompanyViewSet
from api.views.conferences import ConferenceViewSet, RoomViewSet, SessionFormatViewSet, TrackViewSet
from api.views.evaluations import EvaluationResultViewSet, EvaluationViewSet
from api.views.me import MeViewSet
from api.views.registrations import RegistrationViewSet
from api.views.reviews import ReviewSubmissionViewSet, ReviewViewSet
from api.views.schedules import ScheduleViewSet, SlotViewSet
from api.views.sessions import SessionViewSet
from api.views.signups import SignupViewSet
from api.views.speakers import SpeakerViewSet
from api.views.submissions import SubmissionViewSet

app_name = "api"

router = DefaultRouter()
router.include_root_view = True
router.register("conferences", ConferenceViewSet, basename="conference")
router.register("tracks", TrackViewSet, basename="track")
router.register("rooms", RoomViewSet, basename="room")
router.register("formats", SessionFormatViewSet, basename="format")
router.register("sessions", SessionViewSet, basename="session")
router.register("speakers", SpeakerViewSet, basename="speaker")
router.register("companies", CompanyViewSet, basename="company")
router.register("case-studies", CaseStudyViewSet, basename="case-study")
router.register("schedules", ScheduleViewSet, basename="schedule")
router.register("slots", SlotViewSet, basename="slot")
router.register("submissions", SubmissionViewSet, basename="submission")
router.register("registrations", RegistrationViewSet, basename="registration")
router.register("signups", SignupViewSet, basename="signup")
router.register("review-submissions", ReviewSubmissionViewSet, basename="review-submission")
router.register("reviews", ReviewViewSet, basename="review")
router.register("check-ins", CheckInViewSet, basename="check-in")
router.register("session-attendance", SessionAttendanceViewSet, basename="session-attendance")
router.register("evaluations", EvaluationViewSet, basename="evaluation")
router.register("evaluation-results", EvaluationResultViewSet, basename="evaluation-result")

urlpatterns = [
    path(
        "v1/me/",
        MeViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="me",
    ),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        own_assets_only(
            SpectacularSwaggerSplitView.as_view(
                url_name="api:schema", template_name="api/swagger_ui.html"
            )
        ),
        name="docs",
    ),
    path(
        "redoc/",
        own_assets_only(
            SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html")
        ),
        name="redoc",
    ),
    re_path(r"^(?P<path>.*)$", not_found, name="not-found"),
]
