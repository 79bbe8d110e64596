"""The session page (events/schedule/views/site.py `session_detail`): the talk, its speakers
and their other sessions, case study, calendar links and query budget."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Submission
from members.models import Membership
from tests.factories import (
    CaseStudyFactory,
    MemberFactory,
    RegistrationFactory,
    ScheduleFactory,
    SlotFactory,
    SubmissionSpeakerFactory,
    local_datetime,
    slides_attach,
)

pytestmark = pytest.mark.django_db


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


def test_session_page_links_speakers_company_only_when_listed_in_directory(client):
    release = ScheduleFactory(released=True)
    slot = SlotFactory(schedule=release, talk=True)
    listed = SubmissionSpeakerFactory(
        submission=slot.submission,
        member__company__name="Listed Ltd",
        member__company__directory_opt_in=True,
    ).member.company
    assert listed is not None
    hidden = SubmissionSpeakerFactory(
        submission=slot.submission,
        member__company__name="Unlisted BV",
        member__company__directory_opt_in=False,
    )

    text = client.get(
        reverse("events:session", args=[release.conference.slug, slot.uid])
    ).content.decode()

    assert f'href="{reverse("members:company", args=[listed.slug])}">Listed Ltd</a>' in text
    assert hidden.member.company is not None
    assert reverse("members:company", args=[hidden.member.company.slug]) not in text
    assert "Unlisted BV" in text


# Slides and recording


RECORDING = "https://video.example.org/watch/orbit-streams"


def _talk_with_materials(**conference):
    release = ScheduleFactory(
        released=True, **{f"conference__{k}": v for k, v in conference.items()}
    )
    slot = SlotFactory(
        schedule=release,
        talk=True,
        submission__state=Submission.State.CONFIRMED,
        submission__recording_url=RECORDING,
    )
    assert slot.submission is not None
    slides_attach(slot.submission)
    url = reverse("events:session", args=[release.conference.slug, slot.uid])
    slides = reverse("events:slides", args=[release.conference.slug, slot.submission_id])
    return url, slides


def test_session_page_links_slides_and_recording_for_a_member(client):
    url, slides = _talk_with_materials()
    client.force_login(MemberFactory().user)

    text = client.get(url).content.decode()

    assert f'href="{slides}"' in text
    assert f'href="{RECORDING}"' in text
    assert "Download the slides (PDF)" in text


def test_session_page_offers_login_for_slides_to_anonymous(client):
    url, slides = _talk_with_materials()

    text = client.get(url).content.decode()

    assert "Slides and the recording are available to members." in text
    assert f'href="{reverse("login")}?next={url}"' in text
    assert slides not in text
    assert RECORDING not in text


def test_session_page_tells_lapsed_member_why(client):
    url, slides = _talk_with_materials()
    lapsed = MemberFactory(
        company__name="Orbit Bank", company__membership__state=Membership.State.LAPSED
    )
    client.force_login(lapsed.user)

    text = client.get(url).content.decode()

    assert "Orbit Bank&#x27;s membership is not active" in text
    assert slides not in text
    assert RECORDING not in text


def test_session_page_links_slides_for_everyone_from_the_public_date(client):
    url, slides = _talk_with_materials(
        materials_public_from=timezone.localdate() - datetime.timedelta(days=1)
    )

    text = client.get(url).content.decode()

    assert (f'href="{slides}"' in text, f'href="{RECORDING}"' in text) == (True, True)


def test_session_page_without_materials_shows_no_section(client):
    release = ScheduleFactory(released=True)
    slot = SlotFactory(schedule=release, talk=True)

    text = client.get(reverse("events:session", args=[release.conference.slug, slot.uid]))

    assert b"Slides and recording" not in text.content


@pytest.mark.parametrize("speakers", [1, 3])
def test_session_page_with_materials_runs_fixed_number_of_queries(
    client, django_assert_num_queries, speakers
):
    release = ScheduleFactory(released=True)
    slot = SlotFactory(
        schedule=release,
        talk=True,
        submission__state=Submission.State.CONFIRMED,
        submission__speakers=[MemberFactory() for _ in range(speakers)],
        submission__recording_url=RECORDING,
    )
    assert slot.submission is not None
    slides_attach(slot.submission)
    client.force_login(MemberFactory().user)
    url = reverse("events:session", args=[release.conference.slug, slot.uid])

    # session, user, conference, releases, slot, speakers, their sessions, registration,
    # the viewer's groups (organizer?), member row and company's membership
    with django_assert_num_queries(11):
        response = client.get(url)

    assert b"Download the slides (PDF)" in response.content
