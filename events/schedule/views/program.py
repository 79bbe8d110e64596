"""The printed programme as a download: the latest release's booklet, built once per release.

The booklet is cached in Django's cache (shared by every app server when REDIS_URL is set)
under a key naming the release, the paper size and a digest of the cover's text, and its
ETag names the same, so a client that has it gets a 304 after two queries.

A 600-session booklet takes seconds to build, and a release sends many attendees to it at
once: one request builds it (it holds a lock in the cache) while the others wait for the
result instead of each building it too.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_GET

from events.models import Conference, Schedule
from events.schedule.program import program_cover_digest, program_pdf_build
from events.schedule.selectors import schedule_latest_release

# A release's booklet never changes, so it may stay until the cache needs the room.
CACHE_SECONDS = 30 * 24 * 3600
# How long a request waits for another one's build before building the booklet itself,
# and how long the builder's lock lasts should it die without releasing it.
BUILD_WAIT_SECONDS = 20
BUILD_LOCK_SECONDS = 60
BUILD_POLL_SECONDS = 0.2


def program_cache_key(*, conference: Conference, release: Schedule, page_size: str) -> str:
    digest = program_cover_digest(conference)
    return f"program-pdf:{release.pk}:{page_size}:{digest}"


def _booklet(key: str, build: Callable[[], bytes]) -> bytes:
    """The booklet cached under `key`; on a miss, built by one request at a time."""
    body = cache.get(key)
    if body is not None:
        return body
    lock = f"{key}:building"
    if not cache.add(lock, 1, BUILD_LOCK_SECONDS):
        deadline = time.monotonic() + BUILD_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(BUILD_POLL_SECONDS)
            body = cache.get(key)
            if body is not None:
                return body
        # The builder is stuck or gone: better a second build than no booklet.
    try:
        body = build()
        cache.set(key, body, CACHE_SECONDS)
    finally:
        cache.delete(lock)
    return body


def _pdf_response(body: bytes, conference: Conference) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{conference.slug}-programme.pdf"'
    return response


@require_GET
def program_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The latest release's programme; before the first release, a one-page booklet that
    says so (not cached: it changes with the conference's details)."""
    conference = get_object_or_404(Conference, slug=slug)
    release = schedule_latest_release(conference=conference)
    if release is None:
        body = program_pdf_build(conference=conference, schedule=None)
        response = _pdf_response(body, conference)
        patch_cache_control(response, no_cache=True)
        return response

    page_size = settings.PROGRAM_PAGE_SIZE
    key = program_cache_key(conference=conference, release=release, page_size=page_size)
    etag = f'"{key.replace(":", "-")}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is None:
        body = _booklet(
            key,
            lambda: program_pdf_build(conference=conference, schedule=release, page_size=page_size),
        )
        response = _pdf_response(body, conference)
    else:
        response = not_modified
    response["ETag"] = etag
    if release.released_at is not None:
        response["Last-Modified"] = http_date(release.released_at.timestamp())
    # Clients may keep it a few minutes and then revalidate cheaply with the ETag.
    patch_cache_control(response, public=True, max_age=300)
    return response
