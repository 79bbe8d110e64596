"""Share images of sessions (events/schedule/views/share.py): a PNG per session at a
stable address, stored once per distinct content in the default storage, a new one when a
release changes the session, ETag and Cache-Control, one drawing at a time."""

import datetime
import io
import re
import threading

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, default_storage
from django.urls import reverse
from PIL import Image

from events.models import Slot
from events.schedule.services import schedule_release, slot_move
from events.schedule.views import share as share_views
from events.schedule.views.share import STORAGE_DIR
from tests.factories import (
    ScheduleFactory,
    SlotFactory,
    SubmissionSpeakerFactory,
    TrackFactory,
    local_datetime,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_storage_and_cache(settings):
    # A new STORAGES setting gives a new, empty default storage (in memory in tests).
    settings.STORAGES = {**settings.STORAGES, "default": {**settings.STORAGES["default"]}}
    cache.clear()
    yield
    cache.clear()


def stored() -> list[str]:
    if not default_storage.exists(STORAGE_DIR):
        return []
    names = []
    for uid in default_storage.listdir(STORAGE_DIR)[0]:
        names += [f"{uid}/{name}" for name in default_storage.listdir(f"{STORAGE_DIR}/{uid}")[1]]
    return sorted(names)


@pytest.fixture
def talk():
    """A talk (with its primary speaker) in the working copy, released as version 1."""
    working = ScheduleFactory()
    conference = working.conference
    track = TrackFactory(conference=conference, colour="#2e86c1")
    slot = SlotFactory(
        schedule=working,
        talk=True,
        submission__title="Nightly loads from 9 h to 40 min",
        submission__track=track,
    )
    schedule_release(conference=conference, version="1")
    return slot


def url(slot: Slot) -> str:
    return reverse("events:session_share_image", args=[slot.schedule.conference.slug, slot.uid])


def test_share_image_is_a_1200_by_630_png(client, talk):
    response = client.get(url(talk))

    image = Image.open(io.BytesIO(response.content))
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")
    assert (image.format, image.size) == ("PNG", (1200, 630))


def test_share_image_has_etag_and_short_public_cache(client, talk):
    response = client.get(url(talk))

    assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"])
    assert response["Cache-Control"] == "public, max-age=300"


def test_share_image_at_its_versioned_address_is_immutable(client, talk):
    etag = client.get(url(talk))["ETag"].strip('"')

    response = client.get(url(talk), {"v": etag})

    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_share_image_answers_304_to_its_etag(client, talk, django_assert_num_queries):
    etag = client.get(url(talk))["ETag"]

    with django_assert_num_queries(4):
        response = client.get(url(talk), headers={"if-none-match": etag})

    assert (response.status_code, response.content, response["ETag"]) == (304, b"", etag)


@pytest.mark.parametrize("speakers", [1, 3])
def test_share_image_queries_do_not_grow_with_speakers(client, django_assert_num_queries, speakers):
    release = ScheduleFactory(released=True)
    slot = SlotFactory(schedule=release, talk=True, submission__speakers=[])
    for _ in range(speakers):
        SubmissionSpeakerFactory(submission=slot.submission)

    # conference, latest release, the slot, its speakers with users and companies
    with django_assert_num_queries(4):
        response = client.get(url(slot))

    assert response.status_code == 200


def test_share_image_is_stored_once_and_then_read_from_the_storage(client, talk):
    first = client.get(url(talk))
    (name,) = stored()
    # Put other (whole) PNG bytes under the key: a second request must serve them, not
    # draw the image again.
    other = io.BytesIO()
    Image.new("RGB", (1200, 630), "black").save(other, format="PNG")
    default_storage.delete(f"{STORAGE_DIR}/{name}")
    default_storage.save(f"{STORAGE_DIR}/{name}", ContentFile(other.getvalue()))
    cache.clear()

    second = client.get(url(talk))

    assert first.content != other.getvalue()
    assert (second.content, stored()) == (other.getvalue(), [name])
    assert name == f"{talk.uid}/{first['ETag'].strip(chr(34))}.png"


def test_share_image_reused_by_a_release_that_leaves_the_session_alone(client, talk):
    first = client.get(url(talk))
    schedule_release(conference=talk.schedule.conference, version="2")

    second = client.get(url(talk))

    assert (second["ETag"], second.content, len(stored())) == (first["ETag"], first.content, 1)


def test_share_image_drawn_again_after_a_release_that_moves_the_session(client, talk):
    first = client.get(url(talk))
    conference = talk.schedule.conference
    later = local_datetime(conference, conference.starts_on, 14)
    slot_move(slot=talk, room=talk.room, start=later, end=later + datetime.timedelta(minutes=30))
    schedule_release(conference=conference, version="2")

    second = client.get(url(talk))

    assert second["ETag"] != first["ETag"]
    assert second.content != first.content
    assert len(stored()) == 2


def test_share_image_drawn_again_after_a_release_that_renames_the_talk(client, talk):
    first = client.get(url(talk))
    talk.submission.title = "Nightly loads from 9 h to 20 min"
    talk.submission.save()
    schedule_release(conference=talk.schedule.conference, version="2")

    second = client.get(url(talk))

    assert second["ETag"] != first["ETag"]
    assert len(stored()) == 2


def test_share_image_unreleased_session_is_404(client):
    slot = SlotFactory(schedule=ScheduleFactory(), talk=True)

    response = client.get(url(slot))

    assert (response.status_code, stored()) == (404, [])


def test_share_image_unknown_session_is_404(client, talk):
    response = client.get(
        reverse(
            "events:session_share_image",
            args=[talk.schedule.conference.slug, "00000000-0000-0000-0000-000000000000"],
        )
    )

    assert response.status_code == 404


def test_share_image_refuses_post(client, talk):
    assert client.post(url(talk)).status_code == 405


def _lock_of_first_drawing(client, slot) -> tuple[str, str]:
    """The storage key of the slot's image and its lock, taken as if another request were
    drawing it."""
    etag = client.get(url(slot), headers={"if-none-match": "*"})["ETag"].strip('"')
    key = f"{STORAGE_DIR}/{slot.uid}/{etag}.png"
    lock = f"share-image:{key}:drawing"
    assert cache.add(lock, 1, 60)
    return key, lock


def test_share_image_waits_for_a_drawing_under_way(client, talk):
    key, lock = _lock_of_first_drawing(client, talk)
    other = io.BytesIO()
    Image.new("RGB", (1200, 630), "navy").save(other, format="PNG")

    def finish():
        default_storage.save(key, ContentFile(other.getvalue()))
        cache.delete(lock)

    finished = threading.Timer(0.3, finish)
    finished.start()
    response = client.get(url(talk))
    finished.join()

    assert (response.status_code, response.content) == (200, other.getvalue())
    assert len(stored()) == 1


def test_share_image_does_not_serve_a_file_still_being_written(client, talk, monkeypatch):
    key, _ = _lock_of_first_drawing(client, talk)
    default_storage.save(key, ContentFile(b"\x89PNG\r\n\x1a\n half-written"))
    monkeypatch.setattr(share_views, "DRAW_WAIT_SECONDS", 0.3)

    response = client.get(url(talk))

    image = Image.open(io.BytesIO(response.content))
    assert image.size == (1200, 630)
    with default_storage.open(key) as kept:
        assert kept.read() == response.content
    assert len(stored()) == 1


def test_share_image_draws_itself_when_the_other_drawing_never_ends(client, talk, monkeypatch):
    _lock_of_first_drawing(client, talk)
    monkeypatch.setattr(share_views, "DRAW_WAIT_SECONDS", 0.3)

    response = client.get(url(talk))

    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)
    assert len(stored()) == 1


class UnwritableStorage(InMemoryStorage):
    def _save(self, name, content):
        raise PermissionError(13, "Permission denied", name)


def test_share_image_served_when_the_storage_cannot_be_written(client, talk, settings, caplog):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.UnwritableStorage"},
    }

    response = client.get(url(talk))

    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)
    assert "Could not store the share image" in caplog.text
