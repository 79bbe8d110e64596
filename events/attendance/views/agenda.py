"""An attendee's own pages: registering for a conference, starring sessions and My agenda.

Starring is a plain POST form that redirects back; static/js/star.js sends the same form
with fetch and asks for JSON, so the page does not reload.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events.attendance.selectors import registration_for, registration_pass_type
from events.attendance.services import agenda_star, agenda_unstar, registration_create
from events.evaluations.selectors import registration_attended_sessions, speaker_member
from events.models import AgendaItem, Conference, Registration
from events.schedule.rows import session_rows
from events.schedule.selectors import conference_current, conference_releases
from events.schedule.timetable import agenda_clashes, slots_by_day
from events.schedule.views.site import release_banner, remember_seen
from members.http import AuthenticatedHttpRequest
from members.models import Member


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_POST
@login_required
def star(request: AuthenticatedHttpRequest, slug: str, uid: uuid.UUID) -> HttpResponse:
    """Star (`action=star`) or unstar (`action=unstar`) a session, then go back to `next`
    (without JavaScript) or answer JSON (for star.js)."""
    conference = get_object_or_404(Conference, slug=slug)
    session_url = reverse("events:session", args=[conference.slug, uid])
    registration = registration_for(conference=conference, user=request.user)
    if registration is None:
        message = f"Register for {conference.name} to star sessions."
        if _wants_json(request):
            return JsonResponse({"error": message}, status=403)
        messages.info(request, message)
        register_url = reverse("events:register", args=[conference.slug])
        return redirect(f"{register_url}?next={session_url}")
    action = request.POST.get("action")
    try:
        if action == "star":
            agenda_star(registration=registration, slot_uid=uid)
            starred, message = True, "Added to your agenda."
        elif action == "unstar":
            agenda_unstar(registration=registration, slot_uid=uid)
            starred, message = False, "Removed from your agenda."
        else:
            raise ValidationError("Choose to star or unstar the session.", code="action")
    except ValidationError as error:
        status = 404 if error.code == "unknown_session" else 400
        if _wants_json(request):
            return JsonResponse({"error": error.messages[0]}, status=status)
        if status == 404:
            raise Http404(error.messages[0]) from error
        messages.error(request, error.messages[0])
        return redirect(_safe_next(request, session_url))
    if _wants_json(request):
        return JsonResponse({"starred": starred, "message": message})
    messages.success(request, message)
    return redirect(f"{_safe_next(request, session_url)}#slot-{uid}")


@require_GET
@login_required
def agenda_current(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The main navigation's My agenda: the featured conference's."""
    conference = conference_current(today=timezone.localdate())
    if conference is None:
        return redirect("home")
    return redirect("events:agenda", slug=conference.slug)


@require_GET
@login_required
def agenda(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The sessions the attendee starred, by day, with clashes marked; cancelled ones stay
    listed, marked, until unstarred."""
    conference = get_object_or_404(Conference, slug=slug)
    registration = registration_for(conference=conference, user=request.user, with_agenda=False)
    if registration is None:
        messages.info(request, f"Register for {conference.name} to keep an agenda.")
        return redirect("events:register", slug=conference.slug)
    releases = conference_releases(conference=conference)
    now = timezone.now()
    context: dict = {"conference": conference, "registration": registration, "release": None}
    if now >= conference.opens_at:
        # Once the conference has begun: the sessions attended, to evaluate, and the
        # certificate; a speaker's link to their results. Nothing to ask before.
        registration.conference = conference
        context.update(
            attended=[
                session
                for session in registration_attended_sessions(registration=registration)
                if session.ended(now)
            ],
            speaks=speaker_member(conference=conference, user=request.user) is not None,
        )
    cookie = None
    if releases:
        sessions = session_rows(
            slots=releases[0].slots.filter(
                uid__in=AgendaItem.objects.filter(registration=registration).values("slot_uid")
            )
        )
        starred = {session.uid for session in sessions}
        banner, cookie = release_banner(
            request,
            conference=conference,
            releases=releases,
            registration=registration,
            starred=starred,
        )
        clashes = agenda_clashes(sessions)
        context.update(
            release=releases[0],
            banner=banner,
            starred=starred,
            days=[
                (
                    day,
                    [
                        {"slot": session, "clash_with": clashes.get(session.uid, [])}
                        for session in day_sessions
                    ],
                )
                for day, day_sessions in sorted(slots_by_day(sessions, conference.tz).items())
            ],
            clashes=clashes,
            count=len(sessions),
        )
    response = render(request, "events/agenda.html", context)
    remember_seen(request, response, conference, cookie)
    return response


@require_http_methods(["GET", "POST"])
@login_required
def register(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Register the logged-in person; the page says beforehand which pass they will get."""
    conference = get_object_or_404(Conference, slug=slug)
    registration = registration_for(conference=conference, user=request.user, with_agenda=False)
    agenda_url = reverse("events:agenda", args=[conference.slug])
    error = None
    if request.method == "POST" and registration is None:
        try:
            registration = registration_create(conference=conference, user=request.user)
        except ValidationError as refusal:
            error = refusal.messages[0]
        else:
            messages.success(
                request,
                f"You are registered for {conference.name} with a "
                f"{registration.get_pass_type_display().lower()}.",
            )
            return redirect(_safe_next(request, agenda_url))
    today = timezone.localtime(timezone.now(), conference.tz).date()
    pass_type, reason = (
        registration_pass_type(conference=conference, user=request.user, on=today)
        if registration is None
        else (registration.pass_type, "")
    )
    return render(
        request,
        "events/register.html",
        {
            "conference": conference,
            "registration": registration,
            "pass_label": Registration.PassType(pass_type).label,
            "reason": reason,
            "error": error,
            "over": timezone.now() >= conference.closes_at,
            "next": _safe_next(request, ""),
            "primary_contact": Member.objects.filter(
                user=request.user, is_primary_contact=True
            ).exists(),
        },
        status=400 if error else 200,
    )
