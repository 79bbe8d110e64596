"""Public pages about conferences."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from events.selectors import conference_current, schedule_latest_release


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    context: dict = {"now": now, "conference": None}
    conference = conference_current(today=timezone.localdate())
    if conference is not None:
        context.update(
            conference=conference,
            cfp_state=conference.cfp_state(now),
            release=schedule_latest_release(conference=conference),
        )
    return render(request, "events/home.html", context)
