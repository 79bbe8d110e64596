"""Public conference URLs, under the "events" namespace."""

from django.urls import path

from events.views import feeds, site, subscribe

app_name = "events"

urlpatterns = [
    path(
        "conferences/<slug:slug>/sessions/<uuid:uid>/",
        site.session_detail,
        name="session",
    ),
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
