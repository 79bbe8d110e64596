"""The schedule page (events/schedule/views/site.py `schedule`): what it shows of the latest
release, its days, filters, now and next, star forms, escaping and query budget."""

import datetime
import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from events.models import Slot, Submission, SubmissionSpeaker
from tests.events.schedule.views.site.conftest import schedule_url
from tests.factories import (
    AgendaItemFactory,
    ConferenceFactory,
    MemberFactory,
    RegistrationFactory,
    RoomFactory,
    ScheduleFactory,
    SessionFormatFactory,
    SlotFactory,
    SubmissionSpeakerFactory,
    TrackFactory,
    UserFactory,
    local_datetime,
)

pytestmark = pytest.mark.django_db


def test_schedule_shows_latest_release_in_rooms_without_cancelled(client):
    old = ScheduleFactory(released=True, version="1.0")
    conference = old.conference
    SlotFactory(schedule=old, talk=True, submission__title="Only in the old release")
    release = ScheduleFactory(conference=conference, released=True, version="1.1")
    SlotFactory(schedule=release, talk=True, submission__title="Kept", room__name="Main hall")
    SlotFactory(schedule=release, talk=True, submission__title="Dropped", cancelled=True)

    response = client.get(schedule_url(conference))

    text = response.content.decode()
    assert "Kept" in text
    assert '<th scope="col">Main hall</th>' in text
    assert "Dropped" not in text
    assert "Only in the old release" not in text


def test_schedule_before_release_says_so(client):
    conference = ConferenceFactory()

    response = client.get(schedule_url(conference))

    assert b"The agenda has not been released yet." in response.content


def test_schedule_unknown_conference_answers_404(client):
    response = client.get(reverse("events:schedule", args=["nowhere"]))

    assert response.status_code == 404


def test_schedule_shows_chosen_day_and_falls_back_to_first_day(client):
    release = ScheduleFactory(released=True)
    conference = release.conference
    second_day = conference.starts_on + datetime.timedelta(days=1)
    SlotFactory(schedule=release, title="Day one opening")
    SlotFactory(
        schedule=release,
        title="Day two opening",
        start=local_datetime(conference, second_day, 9),
        end=local_datetime(conference, second_day, 10),
    )

    chosen = client.get(schedule_url(conference, day=second_day.isoformat())).content.decode()
    fallback = client.get(schedule_url(conference, day="not-a-day")).content.decode()

    assert ("Day two opening" in chosen, "Day one opening" in chosen) == (True, False)
    assert ("Day two opening" in fallback, "Day one opening" in fallback) == (False, True)


def test_schedule_filters_by_track_format_and_level_in_query_string(client):
    release = ScheduleFactory(released=True)
    conference = release.conference
    cost = TrackFactory(conference=conference, name="Cost", slug="cost")
    lab = SessionFormatFactory(conference=conference, name="Lab", slug="lab")
    SlotFactory(
        schedule=release,
        talk=True,
        submission__title="Matching talk",
        submission__track=cost,
        submission__format=lab,
        submission__audience_level="advanced",
    )
    SlotFactory(
        schedule=release,
        talk=True,
        submission__title="Beginner talk",
        submission__track=cost,
        submission__format=lab,
        submission__audience_level="beginner",
    )
    SlotFactory(schedule=release, talk=True, submission__title="Trackless talk")
    SlotFactory(
        schedule=release,
        title="Coffee break",
        kind=Slot.Kind.BREAK,
        room=None,
        start=local_datetime(conference, conference.starts_on, 11),
        end=local_datetime(conference, conference.starts_on, 11, 30),
    )

    response = client.get(schedule_url(conference, track="cost", format="lab", level="advanced"))

    text = response.content.decode()
    assert "Matching talk" in text
    assert "Beginner talk" not in text
    assert "Trackless talk" not in text
    assert "Coffee break" in text  # blocks frame the day whatever the filters
    assert '<option value="cost" selected>' in text
    assert '<option value="advanced" selected>' in text


def test_schedule_ignores_unknown_filter_values(client):
    release = ScheduleFactory(released=True)
    SlotFactory(schedule=release, talk=True, submission__title="Still shown")

    response = client.get(schedule_url(release.conference, track="nope", level="guru"))

    assert b"Still shown" in response.content


def test_schedule_shows_now_and_next_in_conference_timezone(client):
    now = timezone.now()
    tz_name = "America/Chicago"
    local_today = timezone.localtime(now, ConferenceFactory.build(timezone=tz_name).tz).date()
    conference = ConferenceFactory(
        timezone=tz_name,
        starts_on=local_today - datetime.timedelta(days=1),
        ends_on=local_today + datetime.timedelta(days=1),
    )
    release = ScheduleFactory(conference=conference, released=True)
    # The running talk starts no earlier than local midnight, so that it is on today's
    # tab whatever time of day the test runs.
    local_midnight = datetime.datetime.combine(local_today, datetime.time(), conference.tz)
    SlotFactory(
        schedule=release,
        talk=True,
        submission__title="Running talk",
        start=max(now - datetime.timedelta(minutes=10), local_midnight),
        end=now + datetime.timedelta(minutes=20),
    )
    coming = now + datetime.timedelta(hours=1)
    SlotFactory(
        schedule=release,
        talk=True,
        submission__title="Coming talk",
        start=coming,
        end=coming + datetime.timedelta(minutes=30),
    )

    response = client.get(schedule_url(conference))

    text = response.content.decode()
    local_now = timezone.localtime(now, conference.tz)
    assert f"Now, at {local_now:%H:%M}" in text
    assert f"Next, {timezone.localtime(coming, conference.tz):%a %H:%M}" in text
    assert "badge-now" in text


def test_schedule_day_tabs_count_the_talks_each_day_that_pass_the_filters(client):
    release = ScheduleFactory(released=True)
    conference = release.conference
    cost = TrackFactory(conference=conference, name="Cost", slug="cost")
    second_day = conference.starts_on + datetime.timedelta(days=1)
    for day, hour, track in [
        (conference.starts_on, 9, cost),
        (conference.starts_on, 10, None),
        (second_day, 9, cost),
        (second_day, 10, cost),
    ]:
        SlotFactory(
            schedule=release,
            talk=True,
            submission__track=track,
            start=local_datetime(conference, day, hour),
            end=local_datetime(conference, day, hour, 30),
        )
    SlotFactory(
        schedule=release,
        room=None,
        kind=Slot.Kind.BREAK,
        title="Coffee break",
        start=local_datetime(conference, second_day, 11),
        end=local_datetime(conference, second_day, 11, 30),
    )

    everything = client.get(schedule_url(conference)).content.decode()
    cost_only = client.get(schedule_url(conference, track="cost")).content.decode()

    assert re.findall(r'tab-count">(\d+) session', everything)[:2] == ["2", "2"]
    assert re.findall(r'tab-count">(\d+) session', cost_only)[:2] == ["1", "2"]


def test_schedule_next_may_be_tomorrow_morning(client):
    now = timezone.now()
    conference = ConferenceFactory(timezone="UTC")
    today = timezone.localtime(now, conference.tz).date()
    conference.starts_on, conference.ends_on = today, today + datetime.timedelta(days=1)
    conference.save()
    release = ScheduleFactory(conference=conference, released=True)
    tomorrow = local_datetime(conference, conference.ends_on, 9)
    SlotFactory(
        schedule=release,
        talk=True,
        submission__title="First thing tomorrow",
        start=tomorrow,
        end=tomorrow + datetime.timedelta(minutes=30),
    )

    text = client.get(schedule_url(conference, day=today.isoformat())).content.decode()

    assert f"Next, {tomorrow:%a} 09:00" in text
    assert "First thing tomorrow" in text


def test_schedule_has_no_now_and_next_before_the_conference(client):
    release = ScheduleFactory(released=True)
    SlotFactory(schedule=release, talk=True)

    response = client.get(schedule_url(release.conference))

    assert b"Now and next" not in response.content


def test_schedule_escapes_titles_and_names(client):
    release = ScheduleFactory(released=True)
    slot = SlotFactory(schedule=release, talk=True, submission__title="<script>alert(1)</script>")
    SubmissionSpeakerFactory(submission=slot.submission, member__user__first_name="<b>Eve</b>")

    response = client.get(schedule_url(release.conference))

    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content
    assert b"&lt;b&gt;Eve&lt;/b&gt;" in response.content


def test_schedule_offers_star_forms_to_registered_attendee_only(client):
    release = ScheduleFactory(released=True)
    slot = SlotFactory(schedule=release, talk=True)
    star_url = reverse("events:star", args=[release.conference.slug, slot.uid])
    registration = RegistrationFactory(conference=release.conference)

    anonymous = client.get(schedule_url(release.conference)).content.decode()
    client.force_login(registration.user)
    registered = client.get(schedule_url(release.conference)).content.decode()

    assert star_url not in anonymous
    assert "Log in</a> to star sessions" in anonymous
    assert star_url in registered


def test_schedule_marks_starred_sessions_with_unstar(client):
    release = ScheduleFactory(released=True)
    slot = SlotFactory(schedule=release, talk=True)
    registration = RegistrationFactory(conference=release.conference)
    AgendaItemFactory(registration=registration, slot_uid=slot.uid)
    client.force_login(registration.user)

    response = client.get(schedule_url(release.conference))

    assert b'name="action" value="unstar"' in response.content


def make_schedule(release, count: int) -> None:
    """`count` talks with a speaker each, in 24 rooms, bulk-inserted."""
    conference = release.conference
    rooms = [RoomFactory(conference=conference) for _ in range(min(count, 24))]
    session_format = SessionFormatFactory(conference=conference)
    track = TrackFactory(conference=conference)
    member = MemberFactory()
    talks = Submission.objects.bulk_create(
        Submission(
            conference=conference,
            title=f"Talk {n}",
            abstract="About it.",
            format=session_format,
            track=track,
            state=Submission.State.ACCEPTED,
        )
        for n in range(count)
    )
    SubmissionSpeaker.objects.bulk_create(
        SubmissionSpeaker(submission=talk, member=member, is_primary=True) for talk in talks
    )
    day_start = local_datetime(conference, conference.starts_on, 8)
    Slot.objects.bulk_create(
        Slot(
            schedule=release,
            room=rooms[n % len(rooms)],
            start=day_start + datetime.timedelta(minutes=20 * (n // len(rooms))),
            end=day_start + datetime.timedelta(minutes=20 * (n // len(rooms)) + 20),
            submission=talk,
            kind=Slot.Kind.TALK,
        )
        for n, talk in enumerate(talks)
    )


@pytest.mark.parametrize("count", [1, 600])
def test_schedule_runs_fixed_number_of_queries(client, django_assert_num_queries, count):
    release = ScheduleFactory(released=True)
    make_schedule(release, count)
    registration = RegistrationFactory(conference=release.conference)
    starred = release.slots.first()
    assert starred is not None
    AgendaItemFactory(registration=registration, slot_uid=starred.uid)
    client.force_login(registration.user)
    url = schedule_url(release.conference)

    # session, user, conference, releases, every session's facets (filters, day tabs, now
    # and next), the day's slots, speakers, registration, its stars, and the last seen
    # release recorded
    with django_assert_num_queries(11):
        response = client.get(url)

    assert response.content.decode().count('class="slot slot-talk') == count


def _compressed_size(asset: str) -> int:
    path = finders.find(asset)
    assert isinstance(path, str), asset
    with open(path, "rb") as file:
        return len(gzip.compress(file.read()))


def test_schedule_page_css_and_js_are_small_when_compressed(client):
    release = ScheduleFactory(released=True)
    SlotFactory(schedule=release, talk=True)
    RegistrationFactory(conference=release.conference, user=(user := UserFactory()))
    client.force_login(user)

    html = client.get(schedule_url(release.conference)).content.decode()

    assets = re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    sizes = {asset: _compressed_size(asset) for asset in assets}
    assert {"css/site.css", "css/schedule.css", "js/star.js"} <= set(sizes)
    assert sum(sizes.values()) < 100 * 1024


def test_schedule_links_calendar_subscription_and_printed_program(client):
    release = ScheduleFactory(released=True)
    SlotFactory(schedule=release, talk=True)
    slug = release.conference.slug

    text = client.get(schedule_url(release.conference)).content.decode()

    assert reverse("events:subscribe", args=[slug]) in text
    assert reverse("events:program_pdf", args=[slug]) in text
