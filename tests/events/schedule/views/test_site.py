"""The public pages in events/schedule/views/site.py: the home page featuring the current
conference and its call for papers; the schedule, session and speaker pages, what they show
of the latest release, their filters, now and next, the release banner, escaping and query
budgets."""

import datetime
import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from events.models import Slot, Submission, SubmissionSpeaker
from events.schedule.views.site import SEEN_COOKIE
from tests.factories import (
    AgendaItemFactory,
    CaseStudyFactory,
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


def test_session_page_shows_talk_of_latest_release(client, django_assert_num_queries):
    release = ScheduleFactory(released=True)
    slot = SlotFactory(schedule=release, talk=True, submission__title="Loads <b>faster</b>")
    SubmissionSpeakerFactory(submission=slot.submission, member__user__first_name="Ada")
    url = reverse("events:session", args=[release.conference.slug, slot.uid])

    # conference, releases, slot, speakers, the speakers' sessions
    with django_assert_num_queries(5):
        response = client.get(url)

    assert response.status_code == 200
    assert b"Loads &lt;b&gt;faster&lt;/b&gt;" in response.content
    assert b"Ada" in response.content


def test_session_page_links_calendar_file_and_subscribe_page(client):
    release = ScheduleFactory(released=True)
    slot = SlotFactory(schedule=release, talk=True)
    slug = release.conference.slug

    response = client.get(reverse("events:session", args=[slug, slot.uid]))

    assert reverse("events:session_ics", args=[slug, slot.uid]).encode() in response.content
    assert reverse("events:subscribe", args=[slug]).encode() in response.content


def test_session_page_unknown_uid_or_unreleased_answers_404(client):
    working = ScheduleFactory()
    slot = SlotFactory(schedule=working, talk=True)

    response = client.get(reverse("events:session", args=[working.conference.slug, slot.uid]))

    assert response.status_code == 404


def test_home_links_to_printed_programme_once_released(client):
    conference = ConferenceFactory()
    before = client.get(reverse("home"))
    ScheduleFactory(conference=conference, released=True, version="1.0")

    after = client.get(reverse("home"))

    link = reverse("events:program_pdf", args=[conference.slug])
    assert f'href="{link}"' not in before.content.decode()
    assert f'href="{link}"' in after.content.decode()


def schedule_url(conference, **query) -> str:
    url = reverse("events:schedule", args=[conference.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


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
    AgendaItemFactory(registration=registration, slot_uid=release.slots.first().uid)
    client.force_login(registration.user)
    url = schedule_url(release.conference)

    # session, user, conference, releases, every session's facets (filters, day tabs, now
    # and next), the day's slots, speakers, registration, its stars, and the last seen
    # release recorded
    with django_assert_num_queries(11):
        response = client.get(url)

    assert response.content.decode().count('class="slot slot-talk') == count


def test_schedule_page_css_and_js_are_small_when_compressed(client):
    release = ScheduleFactory(released=True)
    SlotFactory(schedule=release, talk=True)
    RegistrationFactory(conference=release.conference, user=(user := UserFactory()))
    client.force_login(user)

    html = client.get(schedule_url(release.conference)).content.decode()

    assets = re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    sizes = {asset: len(gzip.compress(open(finders.find(asset), "rb").read())) for asset in assets}
    assert {"css/site.css", "css/schedule.css", "js/star.js"} <= set(sizes)
    assert sum(sizes.values()) < 100 * 1024


def banner_release_pair():
    first = ScheduleFactory(released=True, version="1.0")
    slot = SlotFactory(schedule=first, talk=True, submission__title="Moved talk")
    second = ScheduleFactory(
        conference=first.conference,
        released=True,
        version="1.1",
        changelog={
            "moved": [
                {
                    "uid": str(slot.uid),
                    "title": "Moved talk",
                    "start": slot.start.isoformat(),
                    "room": "IJ Hall",
                }
            ]
        },
    )
    SlotFactory(schedule=second, talk=True, submission=slot.submission, uid=slot.uid)
    return first, second, slot


def test_banner_for_anonymous_visitor_uses_cookie(client):
    first, second, _ = banner_release_pair()
    url = schedule_url(first.conference)
    cookie = SEEN_COOKIE.format(first.conference.pk)

    first_visit = client.get(url)
    remembered = first_visit.cookies[cookie].value
    client.cookies[cookie] = str(first.pk)
    after_release = client.get(url)
    again = client.get(url)

    assert b"has changed since your last visit" not in first_visit.content
    assert remembered == str(second.pk)
    assert b"has changed since your last visit" in after_release.content
    assert b"Moved talk" in after_release.content
    assert b"has changed since your last visit" not in again.content


def test_banner_for_registered_attendee_marks_starred_changes_once(client):
    first, second, slot = banner_release_pair()
    registration = RegistrationFactory(conference=first.conference, last_seen_release=first)
    AgendaItemFactory(registration=registration, slot_uid=slot.uid)
    client.force_login(registration.user)
    url = schedule_url(first.conference)

    shown = client.get(url).content.decode()
    again = client.get(url).content.decode()

    registration.refresh_from_db()
    assert "has changed since your last visit" in shown
    assert "In your agenda" in shown
    assert "has changed since your last visit" not in again
    assert registration.last_seen_release == second


# Session pages


def test_session_page_shows_speakers_companies_and_their_other_sessions(client):
    release = ScheduleFactory(released=True)
    conference = release.conference
    ada = MemberFactory(user__first_name="Ada", user__last_name="King", company__name="Acme")
    slot = SlotFactory(schedule=release, talk=True, submission__speakers=[ada])
    later = local_datetime(conference, conference.starts_on, 14)
    SlotFactory(
        schedule=release,
        talk=True,
        submission__speakers=[ada],
        submission__title="Her second talk",
        start=later,
        end=later + datetime.timedelta(minutes=30),
    )

    response = client.get(reverse("events:session", args=[conference.slug, slot.uid]))

    text = response.content.decode()
    assert re.search(r"Ada King</a>, (<a href=\"[^\"]+\">)?Acme", text)
    assert "Also speaking:" in text
    assert "Her second talk" in text
    assert reverse("events:speaker", args=[conference.slug, ada.pk]) in text


def test_session_page_shows_published_case_study_only(client):
    release = ScheduleFactory(released=True)
    published = CaseStudyFactory(published=True, title="Nightly loads, published")
    draft = CaseStudyFactory(title="Secret draft study")
    shown = SlotFactory(schedule=release, talk=True, submission__case_study=published)
    hidden = SlotFactory(
        schedule=release,
        talk=True,
        submission__case_study=draft,
        start=shown.end,
        end=shown.end + datetime.timedelta(minutes=30),
    )
    slug = release.conference.slug

    with_study = client.get(reverse("events:session", args=[slug, shown.uid])).content
    without = client.get(reverse("events:session", args=[slug, hidden.uid])).content

    assert b"Nightly loads, published" in with_study
    assert b"Secret draft study" not in without


def test_session_page_links_google_calendar_with_utc_times(client):
    release = ScheduleFactory(released=True)
    conference = release.conference
    start = datetime.datetime(2031, 5, 6, 7, 30, tzinfo=datetime.UTC)
    slot = SlotFactory(
        schedule=release,
        talk=True,
        submission__title="Loads & more",
        start=start,
        end=start + datetime.timedelta(minutes=30),
    )

    response = client.get(reverse("events:session", args=[conference.slug, slot.uid]))

    text = response.content.decode()
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in text
    assert "dates=20310506T073000Z%2F20310506T080000Z" in text
    assert "text=Loads+%26amp%3B+more" not in text
    assert "text=Loads+%26+more" in text


@pytest.mark.parametrize("speakers", [1, 3])
def test_session_page_runs_fixed_number_of_queries(client, django_assert_num_queries, speakers):
    release = ScheduleFactory(released=True)
    members = [MemberFactory() for _ in range(speakers)]
    slot = SlotFactory(schedule=release, talk=True, submission__speakers=members)
    registration = RegistrationFactory(conference=release.conference)
    client.force_login(registration.user)
    url = reverse("events:session", args=[release.conference.slug, slot.uid])

    # session, user, conference, releases, slot, speakers, their sessions, registration,
    # its stars
    with django_assert_num_queries(10):
        response = client.get(url)

    assert response.status_code == 200


# Speakers


def test_speakers_lists_speakers_of_active_sessions_by_last_name(client):
    release = ScheduleFactory(released=True)
    for last in ("Zimmer", "Abbott"):
        SlotFactory(
            schedule=release, talk=True, submission__speakers=[MemberFactory(user__last_name=last)]
        )
    SlotFactory(
        schedule=release,
        talk=True,
        cancelled=True,
        submission__speakers=[MemberFactory(user__last_name="Gone")],
    )

    response = client.get(reverse("events:speakers", args=[release.conference.slug]))

    text = response.content.decode()
    assert text.index("Abbott") < text.index("Zimmer")
    assert "Gone" not in text


@pytest.mark.parametrize("count", [1, 5])
def test_speakers_runs_fixed_number_of_queries(client, django_assert_num_queries, count):
    release = ScheduleFactory(released=True)
    for _ in range(count):
        SlotFactory(schedule=release, talk=True)

    with django_assert_num_queries(4):
        client.get(reverse("events:speakers", args=[release.conference.slug]))


def test_speaker_page_shows_bio_only_for_public_profile(client):
    release = ScheduleFactory(released=True)
    public = MemberFactory(public_profile=True, bio="Loves <b>streams</b>.")
    private = MemberFactory(public_profile=False, bio="Private bio.")
    for member in (public, private):
        SlotFactory(schedule=release, talk=True, submission__speakers=[member])
    slug = release.conference.slug

    shown = client.get(reverse("events:speaker", args=[slug, public.pk])).content.decode()
    hidden = client.get(reverse("events:speaker", args=[slug, private.pk])).content.decode()

    assert "Loves &lt;b&gt;streams&lt;/b&gt;." in shown
    assert "Private bio." not in hidden
    assert private.company.name in hidden


def test_speaker_page_of_non_speaker_answers_404(client):
    release = ScheduleFactory(released=True)
    SlotFactory(schedule=release, talk=True)

    response = client.get(
        reverse("events:speaker", args=[release.conference.slug, MemberFactory().pk])
    )

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["events:schedule_current", "events:speakers_current"])
def test_navigation_links_redirect_to_current_conference(client, name):
    conference = ConferenceFactory()

    response = client.get(reverse(name))

    assert response.status_code == 302
    assert f"/conferences/{conference.slug}/" in response["Location"]


def test_navigation_link_without_conference_goes_home(client):
    response = client.get(reverse("events:schedule_current"))

    assert response["Location"] == reverse("home")


def test_schedule_links_calendar_subscription_and_printed_program(client):
    release = ScheduleFactory(released=True)
    SlotFactory(schedule=release, talk=True)
    slug = release.conference.slug

    text = client.get(schedule_url(release.conference)).content.decode()

    assert reverse("events:subscribe", args=[slug]) in text
    assert reverse("events:program_pdf", args=[slug]) in text


def test_session_page_links_speakers_company_only_when_listed_in_directory(client):
    release = ScheduleFactory(released=True)
    slot = SlotFactory(schedule=release, talk=True)
    listed = SubmissionSpeakerFactory(
        submission=slot.submission,
        member__company__name="Listed Ltd",
        member__company__directory_opt_in=True,
    ).member.company
    hidden = SubmissionSpeakerFactory(
        submission=slot.submission,
        member__company__name="Unlisted BV",
        member__company__directory_opt_in=False,
    )

    text = client.get(
        reverse("events:session", args=[release.conference.slug, slot.uid])
    ).content.decode()

    assert f'href="{reverse("members:company", args=[listed.slug])}">Listed Ltd</a>' in text
    assert reverse("members:company", args=[hidden.member.company.slug]) not in text
    assert "Unlisted BV" in text
