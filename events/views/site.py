"""The public site's pages: the home page and the session pages."""

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from events.models import Conference
from events.selectors import conference_current, schedule_latest_release, schedule_slots


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


@require_GET
def session_detail(request: HttpRequest, slug: str, uid: uuid.UUID) -> HttpResponse:
    """A session of the latest release, found by the uid it keeps across releases."""
    conference = get_object_or_404(Conference, slug=slug)
    release = schedule_latest_release(conference=conference)
    if release is None:
        raise Http404("The agenda has not been released yet.")
    slot = get_object_or_404(
        schedule_slots(schedule=release).select_related("submission__case_study__company"),
        uid=uid,
    )
    return render(
        request,
        "events/session_detail.html",
        {"conference": conference, "release": release, "slot": slot},
    )
