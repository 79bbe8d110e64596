"""Staff pages at the door and at the sessions: check a badge's code in (typed, or scanned
by static/js/checkin.js with the browser's BarcodeDetector), and the badge PDFs.

The page works without JavaScript: the form posts and the answer is the page again with
the result. checkin.js posts the same form with fetch and asks for JSON, so the camera
keeps running between badges.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from events.attendance.selectors import registration_for
from events.checkin.forms import CheckInForm
from events.checkin.selectors import (
    badge_data,
    checkin_day_counts,
    checkin_sessions,
    conference_badges,
    session_attendance_count,
)
from events.checkin.services import Scan, checkin_record, session_attendance_record, session_slot
from events.exports.badges import render_badges
from events.models import Conference, Registration
from events.schedule.selectors import conference_current, schedule_latest_release
from members.http import AuthenticatedHttpRequest
from members.roles import is_checkin_staff


def _staff_only(request: HttpRequest) -> None:
    if not is_checkin_staff(request.user):
        raise PermissionDenied("Only organizers and check-in staff can check people in.")


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _scan_json(scan: Scan, conference: Conference) -> dict:
    at = timezone.localtime(scan.at, conference.tz)
    return {
        "status": "already_checked_in" if scan.already else "checked_in",
        "message": f"Already checked in at {at:%H:%M}." if scan.already else "Checked in.",
        "name": scan.name,
        "company": scan.company,
        "pass": scan.pass_label,
        "at": scan.at.isoformat(),
    }


@require_GET
@login_required
def checkin_current(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The navigation's Check-in: the featured conference's door."""
    _staff_only(request)
    conference = conference_current(today=timezone.localdate())
    if conference is None:
        return redirect("home")
    return redirect("events:checkin", slug=conference.slug)


@require_http_methods(["GET", "POST"])
@login_required
def checkin(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The door (no `session`) or a session's attendance (`session=<uid>`): type or scan a
    badge's code; the page answers who it is and whether they were already recorded."""
    _staff_only(request)
    conference = get_object_or_404(Conference, slug=slug)
    release = schedule_latest_release(conference=conference)
    session_uid = request.POST.get("session") or request.GET.get("session") or ""
    slot = None
    if session_uid:
        try:
            slot = session_slot(conference=conference, slot_uid=session_uid)
        except ValidationError:
            return redirect("events:checkin", slug=conference.slug)
    form = CheckInForm(request.POST or None)
    scan, error, status = None, "", 200
    if request.method == "POST" and form.is_valid():
        try:
            if slot is not None:
                scan = session_attendance_record(
                    conference=conference,
                    code=form.cleaned_data["code"],
                    slot_uid=slot.uid,
                    by=request.user,
                )
            else:
                scan = checkin_record(
                    conference=conference, code=form.cleaned_data["code"], by=request.user
                )
        except ValidationError as refusal:
            error = refusal.messages[0]
            form.add_error("code", error)
            status = 400
    elif request.method == "POST":
        error, status = "Type the code printed on the badge.", 400
    if _wants_json(request) and request.method == "POST":
        if scan is None:
            return JsonResponse({"status": "invalid", "message": error}, status=status)
        body = _scan_json(scan, conference)
        if slot is None:
            counts = checkin_day_counts(conference=conference)
            body["counts"] = {day.isoformat(): count for day, count in counts}
        else:
            body["attendance"] = session_attendance_count(conference=conference, slot_uid=slot.uid)
        return JsonResponse(body)
    if scan is not None:
        form = CheckInForm()  # ready for the next badge
    context = {
        "conference": conference,
        "form": form,
        "scan": scan,
        # Formatted here: the template's filters would show the site's timezone, not the venue's.
        "scan_time": f"{timezone.localtime(scan.at, conference.tz):%H:%M}" if scan else "",
        "error": error,
        "slot": slot,
        "sessions": checkin_sessions(release=release),
        "counts": None if slot else checkin_day_counts(conference=conference),
        "attendance": session_attendance_count(conference=conference, slot_uid=slot.uid)
        if slot
        else None,
        "today": timezone.localtime(timezone.now(), conference.tz).date(),
    }
    return render(request, "events/checkin.html", context, status=status)


def _badge_response(conference: Conference, badges, *, sheet: bool, filename: str):
    dates = f"{conference.starts_on:%-d %B} – {conference.ends_on:%-d %B %Y}, {conference.venue}"  # noqa: RUF001 - an en dash between dates
    body = render_badges(
        badges,
        conference_name=conference.name,
        dates=dates,
        created_at=timezone.now(),
        sheet=sheet,
    )
    response = StreamingHttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def my_badge(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The signed-in attendee's own badge, one page."""
    conference = get_object_or_404(Conference, slug=slug)
    registration = registration_for(conference=conference, user=request.user, with_agenda=False)
    if registration is None:
        return redirect("events:register", slug=conference.slug)
    return _badge_response(
        conference, [badge_data(registration)], sheet=False, filename=f"{conference.slug}-badge.pdf"
    )


@require_GET
@login_required
def badge(request: AuthenticatedHttpRequest, slug: str, registration_id: int) -> HttpResponse:
    """Any registration's badge, for staff reprinting one at the desk."""
    _staff_only(request)
    conference = get_object_or_404(Conference, slug=slug)
    registration = get_object_or_404(
        Registration.objects.select_related("user__member__company"),
        conference=conference,
        pk=registration_id,
    )
    return _badge_response(
        conference,
        [badge_data(registration)],
        sheet=False,
        filename=f"{conference.slug}-badge-{registration.pk}.pdf",
    )


@require_GET
@login_required
def badges(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Every registration's badge, four to an A4 sheet, streamed as it is drawn."""
    _staff_only(request)
    conference = get_object_or_404(Conference, slug=slug)
    return _badge_response(
        conference,
        conference_badges(conference=conference),
        sheet=True,
        filename=f"{conference.slug}-badges.pdf",
    )
