"""A conference's landing page: what, when and where, the call for papers' state, the
agenda's size once released, and every way to follow it (pages, calendar feeds, the printed
programme, conference-app formats and the REST API).

Like the schedule and speakers pages, it exists for every conference and shows only the
latest released version of the agenda; what is not released yet is neither counted nor
linked.
"""

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from events.models import Conference
from events.schedule.selectors import release_summary, schedule_latest_release


def _phase(conference: Conference, now: datetime.datetime) -> tuple[str, int]:
    """Whether the conference is "ahead", "on" or "over" on its own calendar, and the days
    until it starts (0 once it has)."""
    today = timezone.localtime(now, conference.tz).date()
    if today < conference.starts_on:
        return "ahead", (conference.starts_on - today).days
    if today <= conference.ends_on:
        return "on", 0
    return "over", 0


@require_GET
def conference_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The conference's front page: four queries (the conference, its latest release, that
    release's size and the tracks) whatever the size of the agenda."""
    conference = get_object_or_404(Conference, slug=slug)
    now = timezone.now()
    release = schedule_latest_release(conference=conference)
    phase, days_until = _phase(conference, now)
    return render(
        request,
        "events/conference.html",
        {
            "conference": conference,
            "now": now,
            "phase": phase,
            "days_until": days_until,
            "cfp_state": conference.cfp_state(now),
            "release": release,
            "summary": release_summary(schedule=release) if release is not None else None,
            "tracks": list(conference.tracks.all()),
        },
    )
