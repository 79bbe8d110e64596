"""Public conference URLs, under the "events" namespace."""

from django.urls import path

from events.views import agenda, site

app_name = "events"

urlpatterns = [
    path("schedule/", site.schedule_current, name="schedule_current"),
    path("speakers/", site.speakers_current, name="speakers_current"),
    path("agenda/", agenda.agenda_current, name="agenda_current"),
    path("conferences/<slug:slug>/schedule/", site.schedule, name="schedule"),
    path(
        "conferences/<slug:slug>/sessions/<uuid:uid>/",
        site.session_detail,
        name="session",
    ),
    path("conferences/<slug:slug>/sessions/<uuid:uid>/star/", agenda.star, name="star"),
    path("conferences/<slug:slug>/speakers/", site.speakers, name="speakers"),
    path(
        "conferences/<slug:slug>/speakers/<int:member_id>/",
        site.speaker_detail,
        name="speaker",
    ),
    path("conferences/<slug:slug>/agenda/", agenda.agenda, name="agenda"),
    path("conferences/<slug:slug>/register/", agenda.register, name="register"),
]
