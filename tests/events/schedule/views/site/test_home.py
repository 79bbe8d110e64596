"""The home page (events/schedule/views/site.py `home`): the current conference, its call
for papers and its latest release, escaping and query budget."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ConferenceFactory, ScheduleFactory

pytestmark = pytest.mark.django_db


def test_home_without_conference_says_none_announced(client):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert b"No conference has been announced yet." in response.content


def test_home_features_next_conference_not_past_one(client):
    today = timezone.localdate()
    ConferenceFactory(
        name="Summit of last year",
        starts_on=today - datetime.timedelta(days=200),
        ends_on=today - datetime.timedelta(days=198),
    )
    ConferenceFactory(name="Summit ahead", venue="RAI Amsterdam")

    response = client.get(reverse("home"))

    assert b"Summit ahead" in response.content
    assert b"RAI Amsterdam" in response.content
    assert b"Summit of last year" not in response.content


def test_home_shows_open_call_for_papers_with_deadline_in_conference_timezone(client):
    closes = datetime.datetime(2099, 3, 1, 11, 0, tzinfo=datetime.UTC)
    ConferenceFactory(timezone="America/Chicago", cfp_closes_at=closes)

    response = client.get(reverse("home"))

    text = response.content.decode()
    assert "Open" in text
    assert "Sunday 1 March 2099, 05:00 (America/Chicago)" in text


@pytest.mark.parametrize(
    ("opens_in_days", "closes_in_days", "expected"),
    [(10, 40, "Opens soon"), (-40, -10, "Closed")],
)
def test_home_shows_call_for_papers_state(client, opens_in_days, closes_in_days, expected):
    now = timezone.now()
    ConferenceFactory(
        cfp_opens_at=now + datetime.timedelta(days=opens_in_days),
        cfp_closes_at=now + datetime.timedelta(days=closes_in_days),
    )

    response = client.get(reverse("home"))

    assert expected in response.content.decode()


def test_home_names_latest_release(client):
    conference = ConferenceFactory()
    ScheduleFactory(conference=conference, released=True, version="1.0", note="First cut")
    ScheduleFactory(conference=conference, released=True, version="1.1", note="Moved a panel")

    response = client.get(reverse("home"))

    assert b"Version 1.1 of the agenda" in response.content
    assert b"Moved a panel" in response.content


def test_home_links_to_subscribe_page(client):
    conference = ConferenceFactory()

    response = client.get(reverse("home"))

    assert reverse("events:subscribe", args=[conference.slug]).encode() in response.content


def test_home_escapes_conference_text(client):
    ConferenceFactory(
        name="<script>alert(1)</script> Summit", welcome_text="<b>Welcome</b> & enjoy"
    )

    response = client.get(reverse("home"))

    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; Summit" in response.content
    assert b"&lt;b&gt;Welcome&lt;/b&gt; &amp; enjoy" in response.content


@pytest.mark.parametrize("open_calls", [0, 3])
def test_home_runs_fixed_number_of_queries(client, django_assert_num_queries, open_calls):
    today = timezone.localdate()
    ConferenceFactory()
    for n in range(open_calls):
        ConferenceFactory(
            starts_on=today + datetime.timedelta(days=400 + n),
            ends_on=today + datetime.timedelta(days=401 + n),
            cfp_opens_at=timezone.now() - datetime.timedelta(days=1),
            cfp_closes_at=timezone.now() + datetime.timedelta(days=30),
        )

    with django_assert_num_queries(3):
        client.get(reverse("home"))


def test_home_names_next_years_open_call_while_featured_call_is_closed(client):
    today = timezone.localdate()
    now = timezone.now()
    ConferenceFactory(
        name="Summit this spring",
        starts_on=today + datetime.timedelta(days=20),
        ends_on=today + datetime.timedelta(days=22),
        cfp_opens_at=now - datetime.timedelta(days=90),
        cfp_closes_at=now - datetime.timedelta(days=30),
        cfp_text="Last year's call text",
    )
    ConferenceFactory(
        name="Summit next year",
        slug="summit-next-year",
        starts_on=today + datetime.timedelta(days=380),
        ends_on=today + datetime.timedelta(days=382),
        cfp_opens_at=now - datetime.timedelta(days=1),
        cfp_closes_at=now + datetime.timedelta(days=60),
    )

    text = client.get(reverse("home")).content.decode()

    assert "Summit this spring" in text
    assert f'href="{reverse("events:cfp", args=["summit-next-year"])}">Summit next year</a>' in text
    assert "Last year's call text" not in text


def test_home_links_to_printed_programme_once_released(client):
    conference = ConferenceFactory()
    before = client.get(reverse("home"))
    ScheduleFactory(conference=conference, released=True, version="1.0")

    after = client.get(reverse("home"))

    link = reverse("events:program_pdf", args=[conference.slug])
    assert f'href="{link}"' not in before.content.decode()
    assert f'href="{link}"' in after.content.decode()


def test_home_links_to_featured_conference_page(client):
    conference = ConferenceFactory()

    response = client.get(reverse("home"))

    link = reverse("events:conference", args=[conference.slug])
    assert f'href="{link}"' in response.content.decode()


def test_home_links_to_schedule_and_speakers_once_released(client):
    conference = ConferenceFactory()
    before = client.get(reverse("home")).content.decode()
    ScheduleFactory(conference=conference, released=True, version="1.0")

    after = client.get(reverse("home")).content.decode()

    for name in ("events:schedule", "events:speakers"):
        link = f'href="{reverse(name, args=[conference.slug])}"'
        assert link not in before, name
        assert link in after, name
