"""The conference admin (events/admin/conference.py): the program committee may read it,
the call for papers dates are read in the conference's timezone, and the programme preview
prints the working copy for organizers only."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from events.models import Conference, Slot
from events.schedule.services import schedule_working
from tests.conftest import admin_url
from tests.factories import ConferenceFactory, ReviewerFactory, SlotFactory

pytestmark = pytest.mark.django_db


def test_admin_program_committee_may_read_conferences(client):
    client.force_login(ReviewerFactory())

    response = client.get(admin_url(Conference, "changelist"))

    assert response.status_code == 200


def test_admin_conference_cfp_deadline_read_in_conference_timezone(organizer_client):
    conference = ConferenceFactory(timezone="Europe/Amsterdam")
    data = {
        "name": conference.name,
        "slug": conference.slug,
        "year": conference.year,
        "starts_on": conference.starts_on.isoformat(),
        "ends_on": conference.ends_on.isoformat(),
        "timezone": "America/Chicago",
        "venue": conference.venue,
        "venue_address": "",
        "welcome_text": "",
        "cfp_text": "",
        "cfp_opens_at_0": "2030-01-05",
        "cfp_opens_at_1": "09:00",
        "cfp_closes_at_0": "2030-03-01",
        "cfp_closes_at_1": "23:59",
        "reviews_anonymous": "on",
    }
    for prefix in ("rooms", "tracks", "formats"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )

    response = organizer_client.post(admin_url(Conference, "change", conference.pk), data)
    conference.refresh_from_db()
    shown = organizer_client.get(admin_url(Conference, "change", conference.pk))

    form = shown.context["adminform"].form
    assert (response.status_code, conference.cfp_opens_at, conference.cfp_closes_at) == (
        302,
        datetime.datetime(2030, 1, 5, 15, 0, tzinfo=datetime.UTC),
        datetime.datetime(2030, 3, 2, 5, 59, tzinfo=datetime.UTC),
    )
    assert form["cfp_closes_at"].value().isoformat() == "2030-03-01T23:59:00"


# The programme preview prints the working copy, for organizers only


def test_admin_conference_page_offers_program_preview_to_organizer(organizer_client):
    conference = ConferenceFactory()

    response = organizer_client.get(admin_url(Conference, "change", conference.pk))

    preview = reverse("admin:events_conference_program_preview", args=[conference.pk])
    assert f'href="{preview}"' in response.content.decode()


def test_admin_program_preview_prints_working_copy(organizer_client):
    conference = ConferenceFactory(starts_on=datetime.date(2030, 6, 10))
    working = schedule_working(conference=conference)
    SlotFactory(schedule=working, title="Unreleased opening", kind=Slot.Kind.OTHER)

    response = organizer_client.get(
        reverse("admin:events_conference_program_preview", args=[conference.pk])
    )

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert "Unreleased opening" in text
    assert "Working copy, not released" in text


def test_admin_program_preview_refused_to_program_committee(client):
    client.force_login(ReviewerFactory())
    conference = ConferenceFactory()

    page = client.get(admin_url(Conference, "change", conference.pk))
    response = client.get(reverse("admin:events_conference_program_preview", args=[conference.pk]))

    assert "Preview program" not in page.content.decode()
    assert response.status_code == 403


def test_admin_program_preview_of_unknown_conference_is_404(organizer_client):
    response = organizer_client.get(
        reverse("admin:events_conference_program_preview", args=["999999"])
    )

    assert response.status_code == 404
