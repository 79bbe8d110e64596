"""Share images of sessions: the PNG that a session page's Open Graph and Twitter card meta
point at, at one stable address per session.

The image is drawn (events/exports/share_image.py) once per distinct content and kept in
Django's default storage under a key naming the session and a digest of what the image
shows. A release that changes what it shows (title, speakers, companies, time, room,
track) makes a new key, hence a new image; a release that leaves the session as it was
finds the stored file. The digest is the ETag, so a client that has the image gets a 304.

Social sites fetch a freshly shared link's image all at once: one request draws it (holding
a lock in the cache, shared by every app server when REDIS_URL is set) while the others
wait for the stored file instead of drawing it too.
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_GET

from events.exports.share_image import (
    HEIGHT,
    WIDTH,
    ShareCard,
    card_alt,
    card_digest,
    render_share_image,
)
from events.models import Conference, Slot
from events.schedule.selectors import schedule_latest_release, schedule_slots

STORAGE_DIR = "share-images"
# How long a request waits for another one's drawing before drawing the image itself, and
# how long the drawer's lock lasts should it die without releasing it.
DRAW_WAIT_SECONDS = 10
DRAW_LOCK_SECONDS = 30
DRAW_POLL_SECONDS = 0.1
# The stable address may show another image after the next release: keep it briefly and
# revalidate. An address naming the current digest (?v=, as the page's meta does) never
# changes its bytes.
MAX_AGE = 300
MAX_AGE_VERSIONED = 365 * 24 * 3600

logger = logging.getLogger(__name__)


def session_share_card(*, conference: Conference, slot: Slot) -> ShareCard:
    """What the session's image shows, from a slot loaded by `schedule_slots` (no query)."""
    tz = conference.tz
    speakers: list[str] = []
    track, accent = "", ""
    if slot.submission is not None:
        for role in slot.submission.submission_speakers.all():
            member = role.member
            company = member.company.name if member.company is not None else ""
            speakers.append(f"{member.name}, {company}" if company else member.name)
        if slot.submission.track is not None:
            track, accent = slot.submission.track.name, slot.submission.track.colour
    room = slot.room.name if slot.room is not None else "Whole venue"
    return ShareCard(
        conference=conference.name,
        title=slot.display_title,
        speakers=tuple(speakers),
        start=slot.start.astimezone(tz),
        end=slot.end.astimezone(tz),
        timezone=conference.timezone,
        room=f"{room}, {conference.venue}" if conference.venue else room,
        track=track,
        accent=accent,
        cancelled=slot.cancelled,
    )


def share_image_meta(*, conference: Conference, slot: Slot) -> dict:
    """The image's address (site-relative, naming its digest), size and text alternative,
    for the session page's meta."""
    card = session_share_card(conference=conference, slot=slot)
    path = reverse("events:session_share_image", args=[conference.slug, slot.uid])
    return {
        "url": f"{path}?v={card_digest(card)}",
        "width": WIDTH,
        "height": HEIGHT,
        "alt": card_alt(card),
    }


def share_image_key(*, uid: uuid.UUID, digest: str) -> str:
    return f"{STORAGE_DIR}/{uid}/{digest}.png"


# A PNG ends with its IEND chunk: a file without it is still being written (storages
# write in place), or was cut short by a crash.
_PNG_END = b"IEND\xaeB`\x82"


def _read(key: str) -> bytes | None:
    """The whole image stored under `key`, or None."""
    try:
        with default_storage.open(key, "rb") as stored:
            body = stored.read()
    except FileNotFoundError:
        return None
    return body if body.endswith(_PNG_END) else None


def _store(key: str, body: bytes) -> None:
    if default_storage.exists(key):
        default_storage.delete(key)  # cut short: `_read` found no whole image there
    name = default_storage.save(key, ContentFile(body))
    if name != key:
        # Another drawer (one that outlived its lock) stored the key meanwhile, and the
        # storage kept both under different names: keep theirs, which has the same bytes.
        default_storage.delete(name)


def share_image_bytes(*, key: str, card: ShareCard) -> bytes:
    """The stored image under `key`; on a miss, drawn and stored by one request at a time."""
    body = _read(key)
    if body is not None:
        return body
    lock = f"share-image:{key}:drawing"
    if not cache.add(lock, 1, DRAW_LOCK_SECONDS):
        deadline = time.monotonic() + DRAW_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(DRAW_POLL_SECONDS)
            body = _read(key)
            if body is not None:
                return body
        # The drawer is stuck or gone: better a second drawing than no image.
    try:
        body = _read(key)  # drawn by the lock's previous holder
        if body is None:
            body = render_share_image(card)
            try:
                _store(key, body)
            except OSError:
                # A storage that cannot be written (full disk, MEDIA_ROOT not writable)
                # costs a drawing per request, not the image.
                logger.exception("Could not store the share image %s", key)
    finally:
        cache.delete(lock)
    return body


@require_GET
def session_share_image(request: HttpRequest, slug: str, uid: uuid.UUID) -> HttpResponse:
    """The share image of a session of the latest release; 404 as the session page does
    (unknown conference or session, nothing released yet). Four queries."""
    conference = get_object_or_404(Conference, slug=slug)
    release = schedule_latest_release(conference=conference)
    if release is None:
        raise Http404("The agenda has not been released yet.")
    slot = get_object_or_404(schedule_slots(schedule=release), uid=uid)
    card = session_share_card(conference=conference, slot=slot)
    digest = card_digest(card)
    etag = f'"{digest}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        body = share_image_bytes(key=share_image_key(uid=slot.uid, digest=digest), card=card)
        response = HttpResponse(body, content_type="image/png")
    response["ETag"] = etag
    if request.GET.get("v") == digest:
        patch_cache_control(response, public=True, max_age=MAX_AGE_VERSIONED, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
