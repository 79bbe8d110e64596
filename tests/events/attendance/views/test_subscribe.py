"""The subscribe page and the form that gives a personal feed a new address."""

import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from tests.events.feed_data import conference, two_releases
from tests.factories import RegistrationFactory, TrackFactory, UserFactory

pytestmark = pytest.mark.django_db

SUBSCRIBE = reverse("events:subscribe", args=["summit"])
REGENERATE = reverse("events:calendar_token_regenerate", args=["summit"])


def test_subscribe_page_links_every_public_feed(client):
    two_releases()

    response = client.get(SUBSCRIBE)

    text = response.content.decode()
    assert response.status_code == 200
    whole = "testserver/conferences/summit/schedule.ics"
    assert f'href="webcal://{whole}"' in text
    assert f'value="http://{whole}"' in text
    google = "https://calendar.google.com/calendar/render?cid=" + quote(
        f"webcal://{whole}", safe=""
    )
    assert f'href="{google}"' in text
    assert 'href="webcal://testserver/conferences/summit/tracks/pipelines.ics"' in text
    assert 'href="http://testserver/conferences/summit/schedule.xml"' in text
    assert 'href="http://testserver/conferences/summit/schedule.json"' in text
    assert "Outlook" in text
    assert "Apple Calendar" in text


def test_subscribe_page_draws_qr_code_as_svg(client):
    two_releases()

    text = client.get(SUBSCRIBE).content.decode()

    assert text.count('<svg width="') == 1
    assert 'class="qr"' in text
    # Drawn on the server: the page loads no script but the header's menus.
    assert re.findall(r"<script[^>]*>", text) == ['<script src="/static/js/nav.js" defer>']


def test_subscribe_page_before_release_invites_early_subscription(client):
    conference()

    response = client.get(SUBSCRIBE)

    assert b"has not been released yet" in response.content
    assert b"webcal://testserver/conferences/summit/schedule.ics" in response.content


def test_subscribe_page_anonymous_asked_to_log_in_for_personal_feed(client):
    two_releases()

    text = client.get(SUBSCRIBE).content.decode()

    assert "/accounts/login/?next=/conferences/summit/subscribe/%23personal" in text
    assert re.search(r"/agenda/[^/\"]+\.ics", text) is None


def test_subscribe_page_shows_attendee_their_personal_feed(client):
    agenda = two_releases()
    registration = RegistrationFactory(conference=agenda["conference"])
    client.force_login(registration.user)

    text = client.get(SUBSCRIBE).content.decode()

    feed = f"testserver/agenda/{registration.calendar_token}.ics"
    assert f'href="webcal://{feed}"' in text
    assert f'value="http://{feed}"' in text
    assert f'action="{REGENERATE}"' in text
    assert text.count('<svg width="') == 2


def test_subscribe_page_shows_no_feed_of_another_attendee(client):
    agenda = two_releases()
    other = RegistrationFactory(conference=agenda["conference"])
    client.force_login(UserFactory())

    text = client.get(SUBSCRIBE).content.decode()

    assert other.calendar_token not in text
    assert "You are not registered" in text


def test_subscribe_page_escapes_names(client):
    agenda = two_releases()
    agenda["conference"].name = "<script>alert(1)</script> Summit"
    agenda["conference"].save()
    TrackFactory(conference=agenda["conference"], name="<script>x</script>", slug="x-track")

    content = client.get(SUBSCRIBE).content

    assert b"<script>" not in content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; Summit" in content
    assert b"&lt;script&gt;x&lt;/script&gt;" in content


def test_subscribe_page_unknown_conference_answers_404(client):
    response = client.get(reverse("events:subscribe", args=["nowhere"]))

    assert response.status_code == 404


@pytest.mark.parametrize("tracks", [1, 5])
def test_subscribe_page_query_count_constant(client, django_assert_num_queries, tracks):
    agenda = two_releases()
    registration = RegistrationFactory(conference=agenda["conference"])
    for _ in range(tracks - 1):
        TrackFactory(conference=agenda["conference"])
    client.force_login(registration.user)

    # session, user, conference, tracks, registration, release
    with django_assert_num_queries(7):
        response = client.get(SUBSCRIBE)

    assert response.content.count(b"/tracks/") == 2 * tracks  # webcal and https links


# A new address for the personal feed


def test_calendar_token_regenerate_gives_new_address(client):
    agenda = two_releases()
    registration = RegistrationFactory(conference=agenda["conference"])
    old = registration.calendar_token
    client.force_login(registration.user)

    response = client.post(REGENERATE)

    registration.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == SUBSCRIBE + "#personal"
    assert registration.calendar_token != old
    page = client.get(SUBSCRIBE).content.decode()
    assert registration.calendar_token in page
    assert "the old one no longer works" in page
    assert client.get(reverse("events:agenda_ics", args=[old])).status_code == 404


def test_calendar_token_regenerate_changes_only_own_registration(client):
    agenda = two_releases()
    mine = RegistrationFactory(conference=agenda["conference"])
    theirs = RegistrationFactory(conference=agenda["conference"])
    elsewhere = RegistrationFactory(user=mine.user)
    before = {r.pk: r.calendar_token for r in (theirs, elsewhere)}
    client.force_login(mine.user)

    client.post(REGENERATE)

    for registration in (theirs, elsewhere):
        registration.refresh_from_db()
        assert registration.calendar_token == before[registration.pk]


def test_calendar_token_regenerate_get_refused(client):
    agenda = two_releases()
    registration = RegistrationFactory(conference=agenda["conference"])
    client.force_login(registration.user)

    response = client.get(REGENERATE)

    assert response.status_code == 405


def test_calendar_token_regenerate_anonymous_sent_to_log_in(client):
    two_releases()

    response = client.post(REGENERATE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_calendar_token_regenerate_without_registration_answers_404(client):
    agenda = two_releases()
    RegistrationFactory()  # registered elsewhere only
    client.force_login(UserFactory())

    response = client.post(REGENERATE)

    assert response.status_code == 404
    assert agenda["conference"].registrations.count() == 0


def test_calendar_token_regenerate_without_csrf_token_refused():
    agenda = two_releases()
    registration = RegistrationFactory(conference=agenda["conference"])
    old = registration.calendar_token
    client = Client(enforce_csrf_checks=True)
    client.force_login(registration.user)

    response = client.post(REGENERATE)

    registration.refresh_from_db()
    assert response.status_code == 403
    assert registration.calendar_token == old
