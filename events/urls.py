"""Public conference URLs, under the "events" namespace."""

from django.urls import path

from events.views import program, site

app_name = "events"

urlpatterns = [
    path(
        "conferences/<slug:slug>/sessions/<uuid:uid>/",
        site.session_detail,
        name="session",
    ),
    path("conferences/<slug:slug>/program.pdf", program.program_pdf, name="program_pdf"),
]
