"""A conference's landing page (events/schedule/views/conference.py): what, when and where,
the call for papers' state, the agenda once released and every way to follow it, 404 for
unknown conferences, escaping and query budget."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ConferenceFactory,
    MemberFactory,
    ScheduleFactory,
    SlotFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db

DASH = "\N{EN DASH}"  # between the days of a date range, as the page writes it


def page_url(conference) -> str:
    return reverse("events:conference", args=[conference.slug])


def visible_text(html: str) -> str:
    """The page's text as a reader sees it: no tags, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def hrefs(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]*)"', html))


def test_conference_page_of_unknown_conference_answers_404(client):
    ConferenceFactory(slug="summit-2099")

    response = client.get(reverse("events:conference", args=["no-such-summit"]))

    assert response.status_code == 404


def test_conference_page_answers_only_get(client):
    conference = ConferenceFactory()

    response = client.post(page_url(conference))

    assert response.status_code == 405


def test_conference_page_shows_name_dates_and_venue(client):
    conference = ConferenceFactory(
        name="Polaris Summit 2099",
        starts_on=datetime.date(2099, 5, 12),
        ends_on=datetime.date(2099, 5, 13),
        venue="Beurs van Berlage",
        venue_address="Damrak 243\nAmsterdam",
    )

    response = client.get(page_url(conference))

    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "Polaris Summit 2099" in text
    assert f"12{DASH}13 May 2099" in text
    assert "Beurs van Berlage" in text
    assert "Damrak 243 Amsterdam" in text


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "expected"),
    [
        (datetime.date(2099, 5, 12), datetime.date(2099, 5, 12), "Tuesday 12 May 2099"),
        (datetime.date(2099, 6, 30), datetime.date(2099, 7, 2), f"30 June {DASH} 2 July 2099"),
        (
            datetime.date(2099, 12, 31),
            datetime.date(2100, 1, 1),
            f"31 December 2099 {DASH} 1 January 2100",
        ),
    ],
)
def test_conference_page_writes_dates_as_a_range(client, starts_on, ends_on, expected):
    conference = ConferenceFactory(starts_on=starts_on, ends_on=ends_on)

    text = visible_text(client.get(page_url(conference)).content.decode())

    assert expected in text


def test_conference_page_with_open_call_shows_deadline_in_conference_timezone_and_submit_link(
    client,
):
    closes = datetime.datetime(2099, 3, 1, 11, 0, tzinfo=datetime.UTC)
    conference = ConferenceFactory(timezone="America/Chicago", cfp_closes_at=closes)

    html = client.get(page_url(conference)).content.decode()

    text = visible_text(html)
    assert "Open until Sunday 1 March 2099, 05:00 (America/Chicago)" in text
    assert reverse("events:submission_new", args=[conference.slug]) in hrefs(html)
    assert reverse("events:cfp", args=[conference.slug]) in hrefs(html)


@pytest.mark.parametrize(
    ("opens_in_days", "closes_in_days", "expected"),
    [(10, 40, "Opens soon"), (-40, -10, "Closed"), (None, None, "not been announced")],
)
def test_conference_page_offers_no_submit_link_unless_call_is_open(
    client, opens_in_days, closes_in_days, expected
):
    now = timezone.now()
    conference = ConferenceFactory(
        cfp_opens_at=None if opens_in_days is None else now + datetime.timedelta(opens_in_days),
        cfp_closes_at=None if closes_in_days is None else now + datetime.timedelta(closes_in_days),
    )

    html = client.get(page_url(conference)).content.decode()

    assert expected in visible_text(html)
    assert reverse("events:submission_new", args=[conference.slug]) not in hrefs(html)


def test_conference_page_before_release_links_no_schedule_speakers_programme_or_app_feeds(client):
    conference = ConferenceFactory()
    working_copy = ScheduleFactory(conference=conference)
    SlotFactory(schedule=working_copy, talk=True, submission__title="Unreleased keynote")

    html = client.get(page_url(conference)).content.decode()

    links = hrefs(html)
    slug = conference.slug
    assert "The agenda has not been released yet." in visible_text(html)
    assert "Unreleased keynote" not in html
    for name in ("schedule", "speakers", "program_pdf", "schedule_xml", "schedule_json"):
        assert reverse(f"events:{name}", args=[slug]) not in links, name
    # Calendar subscriptions work before the first release: sessions arrive with it.
    assert reverse("events:subscribe", args=[slug]) in links
    assert reverse("events:schedule_ics", args=[slug]) in links
    assert reverse("api:conference-detail", args=[slug]) in links


def test_conference_page_after_release_links_schedule_speakers_programme_and_feeds(client):
    release = ScheduleFactory(released=True, version="1.2")
    SlotFactory(schedule=release, talk=True)
    slug = release.conference.slug

    html = client.get(page_url(release.conference)).content.decode()

    links = hrefs(html)
    for name in (
        "schedule",
        "speakers",
        "subscribe",
        "program_pdf",
        "schedule_ics",
        "schedule_xml",
        "schedule_json",
    ):
        assert reverse(f"events:{name}", args=[slug]) in links, name
    assert reverse("api:conference-detail", args=[slug]) in links
    assert reverse("api:session-list") + f"?conference={slug}" in links
    assert reverse("api:docs") in links
    assert "Version 1.2" in visible_text(html)


def test_conference_page_counts_active_sessions_and_speakers_of_latest_release_only(client):
    conference = ConferenceFactory()
    older = ScheduleFactory(conference=conference, released=True)
    for _ in range(4):
        SlotFactory(schedule=older, talk=True)
    latest = ScheduleFactory(conference=conference, released=True)
    shared = MemberFactory()
    SlotFactory(schedule=latest, talk=True, submission__speakers=[MemberFactory(), shared])
    SlotFactory(schedule=latest, talk=True, submission__speakers=[shared])
    SlotFactory(schedule=latest, talk=True, cancelled=True)
    SlotFactory(schedule=latest, title="Lunch")
    working_copy = ScheduleFactory(conference=conference)
    for _ in range(3):
        SlotFactory(schedule=working_copy, talk=True)

    text = visible_text(client.get(page_url(conference)).content.decode())

    assert "2 sessions" in text
    assert "2 speakers" in text
    assert "3 rooms" in text
    assert "2 days" in text


@pytest.mark.parametrize(
    ("starts_in_days", "expected"),
    [(30, "Coming up in 30 days"), (0, "On now"), (-30, "Took place")],
)
def test_conference_page_says_whether_conference_is_ahead_on_or_over(
    client, starts_in_days, expected
):
    today = timezone.now().astimezone(datetime.UTC).date()
    conference = ConferenceFactory(
        timezone="UTC",
        starts_on=today + datetime.timedelta(days=starts_in_days),
        ends_on=today + datetime.timedelta(days=starts_in_days + 1),
    )

    text = visible_text(client.get(page_url(conference)).content.decode())

    assert expected in text


def test_conference_page_lists_tracks_with_descriptions(client):
    conference = ConferenceFactory()
    TrackFactory(conference=conference, name="Pipelines", description="Streaming and batch.")
    TrackFactory(conference=conference, name="Governance", description="Who owns the data.")

    text = visible_text(client.get(page_url(conference)).content.decode())

    assert "Pipelines Streaming and batch." in text
    assert "Governance Who owns the data." in text


def test_conference_page_escapes_organizers_text(client):
    conference = ConferenceFactory(
        name="<script>alert(1)</script> Summit",
        venue="<i>Hall</i>",
        venue_address="<img src=x onerror=alert(2)>",
        welcome_text="<b>Welcome</b> & enjoy",
    )
    TrackFactory(conference=conference, name="<u>Track</u>", description="<em>x</em>")
    ScheduleFactory(conference=conference, released=True, note="<marquee>new</marquee>")

    html = client.get(page_url(conference)).content.decode()

    for raw in ("<script>alert(1)", "<i>Hall", "<img src=x", "<b>Welcome", "<u>Track", "<em>x"):
        assert raw not in html
    assert "<marquee>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Summit" in html
    assert "&lt;b&gt;Welcome&lt;/b&gt; &amp; enjoy" in html


@pytest.mark.parametrize("count", [1, 3])
def test_conference_page_runs_fixed_number_of_queries(client, django_assert_num_queries, count):
    conference = ConferenceFactory()
    release = ScheduleFactory(conference=conference, released=True)
    for n in range(count):
        TrackFactory(conference=conference)
        slot = SlotFactory(schedule=release, talk=True)
        slot.start += datetime.timedelta(hours=n)
        slot.end += datetime.timedelta(hours=n)
        slot.save()

    # conference, latest release, its session and speaker counts, tracks
    with django_assert_num_queries(4):
        response = client.get(page_url(conference))

    assert f"{count} session" in visible_text(response.content.decode())
