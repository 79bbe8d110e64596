"""Calendar feeds and conference-app exports of the latest released schedule, with the
HTTP validators that let thousands of polling calendars revalidate cheaply.

Each view finds what decides its validators (conference, release, and for a personal feed
the registration) in at most two queries, answers 304 when the client's copy still
matches, and only then loads the slots and calls a pure renderer in events/exports/.
"""

import datetime
import hashlib
import logging
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from events.exports.frab import schedule_xml
from events.exports.ical import calendar_ics
from events.exports.schedule_data import schedule_document
from events.exports.schedule_json import schedule_json
from events.models import AgendaItem, Conference, Registration, Schedule, Track
from events.schedule.rows import SessionRow, session_rows
from events.schedule.selectors import schedule_latest_release

ICS_TYPE = "text/calendar; charset=utf-8"
XML_TYPE = "application/xml; charset=utf-8"
JSON_TYPE = "application/json"
# Raise when a renderer's output changes, so that cached copies are refetched.
FORMAT_REVISION = "2"
# Caches may reuse a copy for five minutes, then must revalidate: a 304 (two queries)
# until the next release. Personal feeds are for one attendee and stay out of shared caches.
PUBLIC_CACHE = "public, max-age=300, must-revalidate"
PRIVATE_CACHE = "private, max-age=300, must-revalidate"
# Rendered public feeds are kept in the shared cache under their ETag, so a client that
# sends no validators (many calendar services don't) costs two queries too. A new release
# makes a new key; old entries expire.
RENDERED_SECONDS = 24 * 60 * 60

logger = logging.getLogger(__name__)


def _session_url(request: HttpRequest, conference: Conference) -> Callable[[SessionRow], str]:
    # One reverse, then string work per slot: a 600-session feed must not resolve 600 URLs.
    marker = uuid.UUID(int=0)
    template = request.build_absolute_uri(reverse("events:session", args=[conference.slug, marker]))
    head, tail = template.split(str(marker))
    return lambda session: f"{head}{session.uid}{tail}"


def _validators(
    request: HttpRequest,
    *,
    kind: str,
    conference: Conference,
    release: Schedule | None,
    extra: tuple = (),
    changed_at: datetime.datetime | None = None,
) -> tuple[str, datetime.datetime | None]:
    """The ETag and Last-Modified of a feed, from what decides its bytes: the release, the
    conference's own details it prints, the host its links name, and `extra`."""
    parts = (
        FORMAT_REVISION,
        kind,
        request.get_host(),
        request.scheme,
        conference.pk,
        conference.name,
        conference.slug,
        conference.timezone,
        conference.venue,
        conference.starts_on,
        conference.ends_on,
        release.pk if release else "",
        release.released_at.isoformat() if release and release.released_at else "",
        changed_at.isoformat() if changed_at else "",
        *extra,
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    moments = [moment for moment in (release and release.released_at, changed_at) if moment]
    return f'"{digest}"', max(moments) if moments else None


def _respond(
    request: HttpRequest,
    *,
    etag: str,
    last_modified: datetime.datetime | None,
    cache_control: str,
    content_type: str,
    render: Callable[[], bytes],
    keep_rendered: bool = False,
) -> HttpResponse:
    headers = HttpResponse()
    headers["ETag"] = etag
    headers["Cache-Control"] = cache_control
    if last_modified is not None:
        headers["Last-Modified"] = http_date(last_modified.timestamp())
    not_modified = get_conditional_response(
        request,
        etag=etag,
        last_modified=int(last_modified.timestamp()) if last_modified else None,
        response=headers,
    )
    if not_modified is not None and not_modified is not headers:
        return not_modified
    body = _rendered(f"feed:{etag}", render) if keep_rendered else render()
    response = HttpResponse(body, content_type=content_type)
    for name in ("ETag", "Cache-Control", "Last-Modified"):
        if name in headers:
            response[name] = headers[name]
    return response


def _rendered(key: str, render: Callable[[], bytes]) -> bytes:
    """The bytes cached under `key`, rendered and stored on a miss. A cache that is down
    costs speed, not the feed."""
    try:
        body = cache.get(key)
    except Exception:  # any backend's connection error
        logger.warning("Feed cache unavailable; rendering %s", key, exc_info=True)
        return render()
    if body is None:
        body = render()
        try:
            cache.set(key, body, RENDERED_SECONDS)
        except Exception:  # any backend's connection error
            logger.warning("Feed cache unavailable; not storing %s", key, exc_info=True)
    return body


def _calendar_name(conference: Conference, detail: str = "") -> str:
    return f"{conference.name} · {detail}" if detail else conference.name


@require_safe
def schedule_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """The whole conference, blocks and cancelled sessions included."""
    conference = get_object_or_404(Conference, slug=slug)
    release = schedule_latest_release(conference=conference)
    etag, last_modified = _validators(request, kind="ics", conference=conference, release=release)
    return _respond(
        request,
        etag=etag,
        last_modified=last_modified,
        cache_control=PUBLIC_CACHE,
        content_type=ICS_TYPE,
        render=lambda: calendar_ics(
            conference=conference,
            release=release,
            sessions=session_rows(slots=release.slots.all()) if release else [],
            name=_calendar_name(conference),
            session_url=_session_url(request, conference),
        ),
        keep_rendered=True,
    )


@require_safe
def track_ics(request: HttpRequest, slug: str, track_slug: str) -> HttpResponse:
    """One track's sessions, with the blocks (breaks, meals) that frame everyone's day."""
    track = get_object_or_404(
        Track.objects.select_related("conference"), conference__slug=slug, slug=track_slug
    )
    conference = track.conference
    release = schedule_latest_release(conference=conference)
    etag, last_modified = _validators(
        request,
        kind="track-ics",
        conference=conference,
        release=release,
        extra=(track.pk, track.name),
    )

    def render() -> bytes:
        sessions = (
            session_rows(
                slots=release.slots.filter(Q(submission__track=track) | Q(submission__isnull=True))
            )
            if release
            else []
        )
        return calendar_ics(
            conference=conference,
            release=release,
            sessions=sessions,
            name=_calendar_name(conference, track.name),
            session_url=_session_url(request, conference),
        )

    return _respond(
        request,
        etag=etag,
        last_modified=last_modified,
        cache_control=PUBLIC_CACHE,
        content_type=ICS_TYPE,
        render=render,
        keep_rendered=True,
    )


@require_safe
def session_ics(request: HttpRequest, slug: str, uid: uuid.UUID) -> HttpResponse:
    """One session as a file to add to a calendar."""
    conference = get_object_or_404(Conference, slug=slug)
    release = schedule_latest_release(conference=conference)
    if release is None:
        raise Http404("The agenda has not been released yet.")
    etag, last_modified = _validators(
        request, kind="session-ics", conference=conference, release=release, extra=(str(uid),)
    )

    found: list[SessionRow] = []

    def render() -> bytes:
        found.extend(session_rows(slots=release.slots.filter(uid=uid)))
        if not found:
            raise Http404("No such session.")
        return calendar_ics(
            conference=conference,
            release=release,
            sessions=found,
            name=_calendar_name(conference, found[0].title),
            session_url=_session_url(request, conference),
        )

    response = _respond(
        request,
        etag=etag,
        last_modified=last_modified,
        cache_control=PUBLIC_CACHE,
        content_type=ICS_TYPE,
        render=render,
    )
    if found:
        name = slugify(found[0].title)[:60].strip("-_") or "session"
        response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    return response


@require_safe
def agenda_ics(request: HttpRequest, token: str) -> HttpResponse:
    """An attendee's starred sessions, found by the secret token in the address; a
    session a later release cancelled stays, as cancelled."""
    registration = (
        Registration.objects.select_related("conference").filter(calendar_token=token).first()
    )
    if registration is None:
        raise Http404
    conference = registration.conference
    release = schedule_latest_release(conference=conference)
    etag, last_modified = _validators(
        request,
        kind="agenda-ics",
        conference=conference,
        release=release,
        extra=(registration.pk,),
        changed_at=registration.agenda_changed_at,
    )

    def render() -> bytes:
        starred = AgendaItem.objects.filter(registration=registration).values("slot_uid")
        sessions = (
            session_rows(slots=release.slots.filter(uid__in=Subquery(starred))) if release else []
        )
        return calendar_ics(
            conference=conference,
            release=release,
            sessions=sessions,
            name=_calendar_name(conference, "my agenda"),
            session_url=_session_url(request, conference),
        )

    return _respond(
        request,
        etag=etag,
        last_modified=last_modified,
        cache_control=PRIVATE_CACHE,
        content_type=ICS_TYPE,
        render=render,
    )


def _document(request: HttpRequest, conference: Conference, release: Schedule):
    return schedule_document(
        conference=conference,
        release=release,
        sessions=session_rows(slots=release.slots.all()),
        base_url=request.build_absolute_uri("/"),
        url=request.build_absolute_uri(request.path),
        conference_url=request.build_absolute_uri(
            reverse("events:schedule", args=[conference.slug])
        ),
        session_url=_session_url(request, conference),
    )


def _conference_app_export(
    request: HttpRequest, slug: str, *, kind: str, content_type: str, render: Callable
) -> HttpResponse:
    conference = get_object_or_404(Conference, slug=slug)
    release = schedule_latest_release(conference=conference)
    if release is None:
        raise Http404("The agenda has not been released yet.")
    etag, last_modified = _validators(request, kind=kind, conference=conference, release=release)
    return _respond(
        request,
        etag=etag,
        last_modified=last_modified,
        cache_control=PUBLIC_CACHE,
        content_type=content_type,
        render=lambda: render(_document(request, conference, release)),
        keep_rendered=True,
    )


@require_safe
def schedule_xml_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The frab/pentabarf schedule.xml."""
    return _conference_app_export(
        request, slug, kind="xml", content_type=XML_TYPE, render=schedule_xml
    )


@require_safe
def schedule_json_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The c3voc schedule.json."""
    return _conference_app_export(
        request, slug, kind="json", content_type=JSON_TYPE, render=schedule_json
    )
