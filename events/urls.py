"""Public conference URLs, under the "events" namespace."""

from django.urls import path

from events.views import agenda, feeds, site, subscribe

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
    path(
        "conferences/<slug:slug>/sessions/<uuid:uid>.ics",
        feeds.session_ics,
        name="session_ics",
    ),
    path("conferences/<slug:slug>/schedule.ics", feeds.schedule_ics, name="schedule_ics"),
    path(
        "conferences/<slug:slug>/tracks/<slug:track_slug>.ics",
        feeds.track_ics,
        name="track_ics",
    ),
    path("conferences/<slug:slug>/schedule.xml", feeds.schedule_xml_export, name="schedule_xml"),
    path("conferences/<slug:slug>/schedule.json", feeds.schedule_json_export, name="schedule_json"),
    path("agenda/<str:token>.ics", feeds.agenda_ics, name="agenda_ics"),
    path("conferences/<slug:slug>/subscribe/", subscribe.subscribe, name="subscribe"),
    path(
        "conferences/<slug:slug>/subscribe/new-address/",
        subscribe.calendar_token_regenerate,
        name="calendar_token_regenerate",
    ),
]
