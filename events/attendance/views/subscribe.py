"""The subscribe page: every calendar feed of a conference with links that open a calendar
app (webcal), plain https addresses, a Google Calendar link and a QR code, the logged-in
attendee's personal feed, and the form that gives that feed a new secret address."""

from urllib.parse import quote

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST, require_safe

from events.attendance.services import registration_calendar_token_regenerate
from events.models import Conference, Registration
from events.schedule.selectors import schedule_latest_release
from members.http import AuthenticatedHttpRequest

GOOGLE_SUBSCRIBE = "https://calendar.google.com/calendar/render?cid="


def _qr_svg(address: str) -> str:
    # segno writes only path geometry (no text of ours), so the markup is safe to inline.
    svg = segno.make(address, error="m").svg_inline(scale=4, svgclass="qr", lineclass="qr-line")
    return mark_safe(svg)  # noqa: S308 - generated geometry, see above


def feed_links(request: HttpRequest, path: str) -> dict[str, str]:
    """The addresses under which a calendar app can subscribe to the feed at `path`."""
    https = request.build_absolute_uri(path)
    webcal = "webcal://" + https.split("://", 1)[1]
    return {"https": https, "webcal": webcal, "google": GOOGLE_SUBSCRIBE + quote(webcal, safe="")}


@require_safe
def subscribe(request: HttpRequest, slug: str) -> HttpResponse:
    conference = get_object_or_404(Conference, slug=slug)
    whole = feed_links(request, reverse("events:schedule_ics", args=[slug]))
    tracks = [
        {"track": track} | feed_links(request, reverse("events:track_ics", args=[slug, track.slug]))
        for track in conference.tracks.all()
    ]
    registration = None
    personal = None
    if request.user.is_authenticated:
        registration = Registration.objects.filter(conference=conference, user=request.user).first()
        if registration is not None:
            personal = feed_links(
                request, reverse("events:agenda_ics", args=[registration.calendar_token])
            )
            personal["qr"] = _qr_svg(personal["https"])
    return render(
        request,
        "events/subscribe.html",
        {
            "conference": conference,
            "release": schedule_latest_release(conference=conference),
            "whole": whole | {"qr": _qr_svg(whole["https"])},
            "tracks": tracks,
            "registration": registration,
            "personal": personal,
            "xml_url": request.build_absolute_uri(reverse("events:schedule_xml", args=[slug])),
            "json_url": request.build_absolute_uri(reverse("events:schedule_json", args=[slug])),
        },
    )


@require_POST
@login_required
def calendar_token_regenerate(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Give the logged-in attendee's personal feed of this conference a new address."""
    registration = get_object_or_404(Registration, conference__slug=slug, user=request.user)
    registration_calendar_token_regenerate(registration=registration)
    messages.success(
        request,
        "Your personal feed has a new address; the old one no longer works. "
        "Subscribe again with the address below.",
    )
    return redirect(reverse("events:subscribe", args=[slug]) + "#personal")
