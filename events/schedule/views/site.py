"""The public site's pages: the home page, the schedule, sessions and speakers.

Every page shows the latest released version of a conference's agenda, in the conference's
timezone, and works without JavaScript.
"""

import datetime
import uuid
from urllib.parse import urlencode

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from events.attendance.selectors import registration_for, seats_for
from events.attendance.services import registration_see_release
from events.evaluations.selectors import session_evaluation_state
from events.models import Conference, Registration, Schedule, Slot, Submission
from events.schedule.rows import session_rows
from events.schedule.selectors import (
    conference_current,
    conference_releases,
    releases_since,
    schedule_latest_release,
    schedule_slots,
    speaker_slots,
)
from events.schedule.timetable import day_grid, day_rooms, now_and_next, slots_by_day
from events.schedule.views.share import share_image_meta
from members.models import Member

SEEN_COOKIE = "seen-release-{}"
SEEN_COOKIE_AGE = 60 * 60 * 24 * 400  # the longest a browser keeps a cookie
CHANGE_KINDS = (
    ("moved", "Moved"),
    ("new", "New"),
    ("changed", "Changed"),
    ("cancelled", "Cancelled"),
)


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
            # Next year's call often opens while this year's conference is still featured.
            other_open_calls=list(Conference.objects.cfp_open(now).exclude(pk=conference.pk)),
        )
    return render(request, "events/home.html", context)


def _current_conference_page(name: str) -> HttpResponse:
    conference = conference_current(today=timezone.localdate())
    if conference is None:
        return redirect("home")
    return redirect(name, slug=conference.slug)


@require_GET
def schedule_current(request: HttpRequest) -> HttpResponse:
    """The main navigation's Schedule: the featured conference's schedule."""
    return _current_conference_page("events:schedule")


@require_GET
def speakers_current(request: HttpRequest) -> HttpResponse:
    return _current_conference_page("events:speakers")


def release_banner(
    request: HttpRequest,
    *,
    conference: Conference,
    releases: list[Schedule],
    registration: Registration | None,
    starred: set,
) -> tuple[list[dict], str | None]:
    """What changed in the releases since the visitor last looked, and the cookie value to
    set (None: nothing to set).

    A registered attendee's last seen release is kept on the registration, so it follows
    them across devices; other visitors' is a cookie holding the release id, which costs no
    query or session row per anonymous visit. The latest release counts as seen once shown.
    """
    latest = releases[0]
    if registration is not None:
        newer = releases_since(releases=releases, seen_id=registration.last_seen_release_id)
        registration_see_release(registration=registration, release=latest)
        cookie = None
    else:
        raw = request.COOKIES.get(SEEN_COOKIE.format(conference.pk), "")
        newer = releases_since(releases=releases, seen_id=int(raw) if raw.isdigit() else None)
        cookie = None if raw == str(latest.pk) else str(latest.pk)
    banner = []
    for release in newer:
        changes = []
        for key, label in CHANGE_KINDS:
            entries = [
                {
                    **entry,
                    "starred": uuid.UUID(entry["uid"]) in starred,
                    "start": datetime.datetime.fromisoformat(entry["start"]),
                }
                for entry in release.changelog.get(key, [])
            ]
            if entries:
                changes.append({"label": label, "key": key, "entries": entries})
        banner.append({"release": release, "changes": changes})
    return banner, cookie


def remember_seen(
    request: HttpRequest, response: HttpResponse, conference: Conference, cookie: str | None
) -> None:
    """Set the anonymous visitor's last-seen-release cookie that `release_banner` chose."""
    if cookie is not None:
        response.set_cookie(
            SEEN_COOKIE.format(conference.pk),
            cookie,
            max_age=SEEN_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )


def starred_uids(registration: Registration | None) -> set:
    if registration is None:
        return set()
    return {item.slot_uid for item in registration.agenda_items.all()}


# What the filters, the day tabs and "now and next" need of every session of a release,
# read as plain values (named tuples, which the timetable functions take as they take
# SessionRows): loading every day's sessions in full cost more than rendering the day shown.
_FACETS = (
    "uid",
    "start",
    "end",
    "submission_id",
    "submission__track__slug",
    "submission__track__name",
    "submission__track__order",
    "submission__format__slug",
    "submission__format__name",
    "submission__format__duration_minutes",
    "submission__audience_level",
)


def _filters(request: HttpRequest, facets: list) -> tuple[dict, dict[str, list]]:
    """The filters chosen in the query string (unknown values ignored) and the choices
    the released talks offer."""
    tracks, formats = {}, {}
    for row in facets:
        if row.submission__track__slug:
            tracks[row.submission__track__slug] = (
                row.submission__track__order,
                row.submission__track__name,
            )
        if row.submission_id:
            formats[row.submission__format__slug] = (
                row.submission__format__duration_minutes,
                row.submission__format__name,
            )
    choices = {
        "track": [
            (slug, name) for slug, (_, name) in sorted(tracks.items(), key=lambda i: i[1][0])
        ],
        "format": [
            (slug, name) for slug, (_, name) in sorted(formats.items(), key=lambda i: i[1][0])
        ],
        "level": list(Submission.AudienceLevel.choices),
    }
    chosen = {}
    for name, options in choices.items():
        value = request.GET.get(name, "")
        if value in {slug for slug, _ in options}:
            chosen[name] = value
    return chosen, choices


def _passes(
    chosen: dict, *, talk: bool, track: str | None, form: str | None, level: str | None
) -> bool:
    """Whether a session passes the filters. Blocks without a talk (breaks, meals, plenary
    openings) frame the day and stay in view whatever is chosen."""
    if not talk:
        return True
    if "track" in chosen and track != chosen["track"]:
        return False
    if "format" in chosen and form != chosen["format"]:
        return False
    return "level" not in chosen or level == chosen["level"]


def _row_matches(row, chosen: dict) -> bool:
    return _passes(
        chosen,
        talk=row.submission_id is not None,
        track=row.submission__track__slug,
        form=row.submission__format__slug,
        level=row.submission__audience_level,
    )


@require_GET
def schedule(request: HttpRequest, slug: str) -> HttpResponse:
    """A day of the latest release as a rooms-by-time grid (a time-ordered list on narrow
    screens), with filters in the query string and "now and next" while the conference
    runs."""
    conference = get_object_or_404(Conference, slug=slug)
    releases = conference_releases(conference=conference)
    context: dict = {"conference": conference, "release": None}
    if not releases:
        return render(request, "events/schedule.html", context)
    release = releases[0]
    facets = list(release.slots.active().order_by("start").values_list(*_FACETS, named=True))
    registration = registration_for(conference=conference, user=request.user)
    starred = starred_uids(registration)
    banner, cookie = release_banner(
        request,
        conference=conference,
        releases=releases,
        registration=registration,
        starred=starred,
    )
    chosen, choices = _filters(request, facets)
    now = timezone.now()
    today = timezone.localtime(now, conference.tz).date()
    running = conference.opens_at <= now < conference.closes_at
    days = conference.days
    try:
        day = datetime.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = None
    if day not in days:
        day = today if today in days else days[0]
    # Sessions in full (SessionRows) only for the day shown and, while the conference runs,
    # now and next; the facets say which those are and which pass the filters.
    current_rows, upcoming_rows = now_and_next(facets, now) if running else ([], [])
    starts = datetime.datetime.combine(day, datetime.time.min, tzinfo=conference.tz)
    ends = datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min, tzinfo=conference.tz
    )
    loaded = session_rows(
        slots=release.slots.active().filter(
            Q(start__gte=starts, start__lt=ends)
            | Q(uid__in=[row.uid for row in current_rows + upcoming_rows])
        )
    )
    by_uid = {session.uid: session for session in loaded}
    day_sessions = slots_by_day(loaded, conference.tz).get(day, [])
    facets_by_day = slots_by_day(facets, conference.tz)
    shown = {row.uid for row in facets_by_day.get(day, []) if _row_matches(row, chosen)}
    rooms = day_rooms(day_sessions)
    current = [by_uid[row.uid] for row in current_rows]
    upcoming = [by_uid[row.uid] for row in upcoming_rows]
    query = {name: value for name, value in chosen.items()}
    context.update(
        release=release,
        registration=registration,
        starred=starred,
        banner=banner,
        chosen=chosen,
        chosen_labels=[dict(choices[name])[value] for name, value in chosen.items()],
        choices=choices,
        day=day,
        tabs=[
            {
                "day": each,
                "query": urlencode({"day": each.isoformat(), **query}),
                "count": sum(
                    1
                    for row in facets_by_day.get(each, [])
                    if row.submission_id and _row_matches(row, chosen)
                ),
            }
            for each in days
        ],
        rooms=rooms,
        rows=day_grid(day_sessions, rooms, shown),
        seats=seats_for(sessions=day_sessions, registration=registration),
        shown_count=sum(1 for session in day_sessions if session.uid in shown and session.is_talk),
        now=now,
        now_slots=current,
        next_slots=upcoming,
        now_uids={session.uid for session in current},
    )
    response = render(request, "events/schedule.html", context)
    remember_seen(request, response, conference, cookie)
    return response


def google_calendar_url(*, slot: Slot, conference: Conference, page_url: str) -> str:
    """A link that opens Google Calendar's "new event" form filled with the session."""
    utc = "%Y%m%dT%H%M%SZ"
    start = slot.start.astimezone(datetime.UTC).strftime(utc)
    end = slot.end.astimezone(datetime.UTC).strftime(utc)
    where = f"{slot.room.name}, {conference.venue}" if slot.room is not None else conference.venue
    about = slot.submission.abstract if slot.submission is not None else slot.description
    if len(about) > 600:
        about = about[:600].rsplit(" ", 1)[0] + " …"
    params = {
        "action": "TEMPLATE",
        "text": slot.display_title,
        "dates": f"{start}/{end}",
        "ctz": conference.timezone,
        "location": where,
        "details": f"{about}\n\n{page_url}".strip(),
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(params)


@require_GET
def session_detail(request: HttpRequest, slug: str, uid: uuid.UUID) -> HttpResponse:
    """A session of the latest release, found by the uid it keeps across releases."""
    conference = get_object_or_404(Conference, slug=slug)
    release = next(iter(conference_releases(conference=conference)), None)
    if release is None:
        raise Http404("The agenda has not been released yet.")
    slot = get_object_or_404(schedule_slots(schedule=release), uid=uid)
    speakers = list(slot.submission.submission_speakers.all()) if slot.submission_id else []
    others = speaker_slots(schedule=release, member_ids=[speaker.member_id for speaker in speakers])
    registration = registration_for(conference=conference, user=request.user)
    case_study = slot.submission.case_study if slot.submission_id else None
    if case_study is not None and case_study.state != case_study.State.PUBLISHED:
        case_study = None
    page_url = request.build_absolute_uri()
    return render(
        request,
        "events/session_detail.html",
        {
            "conference": conference,
            "release": release,
            "slot": slot,
            "speakers": [
                {
                    "member": speaker.member,
                    "others": [other for other in others[speaker.member_id] if other.uid != uid],
                }
                for speaker in speakers
            ],
            "case_study": case_study,
            "registration": registration,
            "starred": starred_uids(registration),
            "evaluation": session_evaluation_state(
                registration=registration, slot=slot, now=timezone.now()
            ),
            "seats": seats_for(sessions=[slot], registration=registration),
            "now": timezone.now(),
            "google_calendar_url": google_calendar_url(
                slot=slot, conference=conference, page_url=page_url
            ),
            "share_image": share_image_meta(conference=conference, slot=slot),
            "share_description": _session_share_description(conference=conference, slot=slot),
        },
    )


def _session_share_description(*, conference: Conference, slot: Slot) -> str:
    """When and where, then the abstract: what a link preview should say of a session."""
    start = timezone.localtime(slot.start, conference.tz)
    when = f"{start:%A} {start.day} {start:%B %Y}, {start:%H:%M}"
    where = f", {slot.room.name}" if slot.room is not None else ""
    about = slot.submission.abstract if slot.submission is not None else slot.description
    prefix = "Cancelled. " if slot.cancelled else ""
    return f"{prefix}{conference.name}, {when}{where}. {about}"


def _speaker_members(slots: list[Slot]) -> dict[int, dict]:
    speakers: dict[int, dict] = {}
    for slot in slots:
        if slot.submission is None:
            continue
        for role in slot.submission.submission_speakers.all():
            entry = speakers.setdefault(role.member_id, {"member": role.member, "slots": []})
            entry["slots"].append(slot)
    return speakers


@require_GET
def speakers(request: HttpRequest, slug: str) -> HttpResponse:
    """Everyone who speaks in the latest release, by last name, with their sessions."""
    conference = get_object_or_404(Conference, slug=slug)
    release = next(iter(conference_releases(conference=conference)), None)
    people = []
    if release is not None:
        slots = list(schedule_slots(schedule=release).active())
        people = sorted(
            _speaker_members(slots).values(),
            key=lambda entry: (
                entry["member"].user.last_name.lower(),
                entry["member"].user.first_name.lower(),
                entry["member"].pk,
            ),
        )
    return render(
        request,
        "events/speakers.html",
        {"conference": conference, "release": release, "people": people},
    )


@require_GET
def speaker_detail(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    """A speaker of the latest release: who they are (as far as their profile is public)
    and their sessions. Anyone not speaking in it answers 404."""
    conference = get_object_or_404(Conference, slug=slug)
    release = next(iter(conference_releases(conference=conference)), None)
    if release is None:
        raise Http404("The agenda has not been released yet.")
    member = get_object_or_404(Member.objects.select_related("user", "company"), pk=member_id)
    sessions = speaker_slots(schedule=release, member_ids=[member.pk])[member.pk]
    if not sessions:
        raise Http404("This person does not speak at the conference.")
    return render(
        request,
        "events/speaker_detail.html",
        {
            "conference": conference,
            "release": release,
            "member": member,
            "sessions": sessions,
            "schedule_url": reverse("events:schedule", args=[conference.slug]),
            "share_description": _speaker_share_description(
                conference=conference, member=member, sessions=sessions
            ),
        },
    )


def _speaker_share_description(*, conference: Conference, member: Member, sessions: list) -> str:
    """Who they are, as far as their profile is public, and what they speak on."""
    who = []
    if member.public_profile and member.job_title:
        who.append(member.job_title)
    if member.company is not None:
        who.append(member.company.name)
    titles = "; ".join(slot.display_title for slot in sessions)
    intro = f"{', '.join(who)}. " if who else ""
    bio = f" {member.bio}" if member.public_profile and member.bio else ""
    return f"{intro}Speaking at {conference.name}: {titles}.{bio}"
