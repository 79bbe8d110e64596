"""The programme download: the latest release, cached per release, with ETag and 304."""

import io
import threading

import pytest
from django.core.cache import cache
from django.urls import reverse
from pypdf import PdfReader

from events.models import Slot
from events.schedule.views import program as program_views
from events.schedule.views.program import program_cache_key
from tests.events.exports.program_pdf.program_data import DAY_ONE, Program, words
from tests.factories import ConferenceFactory, ScheduleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def text_of(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(words(page.extract_text()) for page in reader.pages)


def url(conference) -> str:
    return reverse("events:program_pdf", args=[conference.slug])


@pytest.fixture
def agenda():
    agenda = Program()
    agenda.talk("Streaming the ledger")
    return agenda


def test_program_pdf_serves_latest_release(client, agenda):
    newer = ScheduleFactory(conference=agenda.conference, released=True, version="2.0")
    Slot.objects.filter(schedule=agenda.release).update(schedule=newer)
    agenda.release = newer

    response = client.get(url(agenda.conference))

    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response["Content-Disposition"] == (
        f'inline; filename="{agenda.conference.slug}-programme.pdf"'
    )
    assert "Streaming the ledger" in text_of(response)
    assert "Version 2.0" in text_of(response)


def test_program_pdf_leaves_out_the_working_copy(client, agenda):
    working = ScheduleFactory(conference=agenda.conference)
    draft = agenda.talk("Not released yet", hour=14)
    Slot.objects.filter(pk=draft.pk).update(schedule=working)

    response = client.get(url(agenda.conference))

    assert "Not released yet" not in text_of(response)


def test_program_pdf_before_first_release_is_one_clear_page(client):
    conference = ConferenceFactory(name="Summit to come")

    response = client.get(url(conference))

    reader = PdfReader(io.BytesIO(response.content))
    assert (response.status_code, len(reader.pages)) == (200, 1)
    assert "No sessions have been scheduled yet." in words(reader.pages[0].extract_text())
    assert "no-cache" in response["Cache-Control"]


def test_program_pdf_unknown_conference_is_404(client):
    response = client.get(reverse("events:program_pdf", args=["no-such-summit"]))

    assert response.status_code == 404


def test_program_pdf_refuses_post(client, agenda):
    response = client.post(url(agenda.conference))

    assert response.status_code == 405


def test_program_pdf_answers_304_to_its_etag(client, agenda, django_assert_num_queries):
    first = client.get(url(agenda.conference))

    with django_assert_num_queries(2):
        again = client.get(url(agenda.conference), headers={"if-none-match": first["ETag"]})

    assert (again.status_code, again.content, again["ETag"]) == (304, b"", first["ETag"])


def test_program_pdf_built_once_per_release(client, agenda, django_assert_num_queries):
    first = client.get(url(agenda.conference))

    with django_assert_num_queries(2):
        second = client.get(url(agenda.conference))

    assert (second.status_code, second.content) == (200, first.content)


def test_program_pdf_new_release_changes_etag(client, agenda):
    first = client.get(url(agenda.conference))
    ScheduleFactory(conference=agenda.conference, released=True, version="2.0")

    second = client.get(url(agenda.conference), headers={"if-none-match": first["ETag"]})

    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]


def test_program_pdf_edited_welcome_text_is_not_hidden_by_cache(client, agenda):
    client.get(url(agenda.conference))
    agenda.conference.welcome_text = "Welcome to the revised summit."
    agenda.conference.save()

    response = client.get(url(agenda.conference))

    assert "Welcome to the revised summit." in text_of(response)


@pytest.mark.parametrize("sessions", [1, 6])
def test_program_pdf_queries_do_not_grow_with_sessions(client, django_assert_num_queries, sessions):
    agenda = Program(rooms=3)
    for number in range(sessions):
        agenda.talk(f"Talk {number}", room=number % 3, day=DAY_ONE, hour=9 + number // 3)

    with django_assert_num_queries(4):
        response = client.get(url(agenda.conference))

    assert response.status_code == 200


def _held_build(agenda):
    """Cache key and lock of the booklet, the lock taken as if another request were
    building it."""
    key = program_cache_key(
        conference=agenda.conference,
        release=agenda.conference.schedules.released().first(),
        page_size="A4",
    )
    assert cache.add(f"{key}:building", 1, 60)
    return key


def test_program_pdf_waits_for_a_build_under_way(client, agenda, django_assert_num_queries):
    key = _held_build(agenda)
    finished = threading.Timer(0.3, lambda: cache.set(key, b"%PDF-built-by-the-other", 60))
    finished.start()

    # conference and release; the slots are not loaded: the other request's build is used
    with django_assert_num_queries(2):
        response = client.get(url(agenda.conference))
    finished.join()

    assert (response.status_code, response.content) == (200, b"%PDF-built-by-the-other")


def test_program_pdf_builds_itself_when_the_other_build_never_ends(
    client, agenda, monkeypatch, django_assert_num_queries
):
    key = _held_build(agenda)
    monkeypatch.setattr(program_views, "BUILD_WAIT_SECONDS", 0.3)

    with django_assert_num_queries(4):
        response = client.get(url(agenda.conference))

    assert response.status_code == 200
    assert "Streaming the ledger" in text_of(response)
    assert cache.get(key) == response.content
    assert cache.get(f"{key}:building") is None
