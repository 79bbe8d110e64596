"""The API's URLs under /api/: version 1's resources, the schema and its two doc pages."""

from django.urls import include, path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from api import views

app_name = "api"

router = DefaultRouter()
router.include_root_view = True
router.register("conferences", views.ConferenceViewSet, basename="conference")
router.register("tracks", views.TrackViewSet, basename="track")
router.register("rooms", views.RoomViewSet, basename="room")
router.register("formats", views.SessionFormatViewSet, basename="format")
router.register("sessions", views.SessionViewSet, basename="session")
router.register("speakers", views.SpeakerViewSet, basename="speaker")
router.register("companies", views.CompanyViewSet, basename="company")
router.register("case-studies", views.CaseStudyViewSet, basename="case-study")
router.register("schedules", views.ScheduleViewSet, basename="schedule")
router.register("slots", views.SlotViewSet, basename="slot")
router.register("submissions", views.SubmissionViewSet, basename="submission")
router.register("registrations", views.RegistrationViewSet, basename="registration")
router.register("review-submissions", views.ReviewSubmissionViewSet, basename="review-submission")
router.register("reviews", views.ReviewViewSet, basename="review")

urlpatterns = [
    path(
        "v1/me/",
        views.MeViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="me",
    ),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        views.own_assets_only(
            SpectacularSwaggerSplitView.as_view(
                url_name="api:schema", template_name="api/swagger_ui.html"
            )
        ),
        name="docs",
    ),
    path(
        "redoc/",
        views.own_assets_only(
            SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html")
        ),
        name="redoc",
    ),
    re_path(r"^(?P<path>.*)$", views.not_found, name="not-found"),
]
