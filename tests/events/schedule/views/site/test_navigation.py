"""The main navigation's Schedule and Speakers links (events/schedule/views/site.py
`schedule_current`, `speakers_current`): the featured conference's pages, or home."""

import pytest
from django.urls import reverse

from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["events:schedule_current", "events:speakers_current"])
def test_navigation_links_redirect_to_current_conference(client, name):
    conference = ConferenceFactory()

    response = client.get(reverse(name))

    assert response.status_code == 302
    assert f"/conferences/{conference.slug}/" in response["Location"]


def test_navigation_link_without_conference_goes_home(client):
    response = client.get(reverse("events:schedule_current"))

    assert response["Location"] == reverse("home")


def test_conference_page_marks_conference_link_as_current(client):
    conference = ConferenceFactory()

    response = client.get(conference.get_absolute_url())

    assert (
        f'<a class="nav-link" href="{reverse("home")}" aria-current="page">Conference</a>'
        in response.text
    )


@pytest.mark.parametrize("name", ["events:schedule", "events:speakers", "events:subscribe"])
def test_conference_pages_lead_back_to_conference_page(admin_client, name):
    conference = ConferenceFactory()

    response = admin_client.get(reverse(name, args=[conference.slug]))

    assert response.status_code == 200
    assert f'class="eyebrow"><a href="/conferences/{conference.slug}/">' in response.text
