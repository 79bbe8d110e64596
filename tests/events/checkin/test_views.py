"""The staff check-in page and the badge PDFs (events/checkin/views.py): who may use them,
what a scan answers, and their query counts."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from events.checkin.selectors import registration_checkin_code
from events.checkin.services import checkin_record
from events.models import CheckIn, SessionAttendance
from tests.factories import MemberFactory, RegistrationFactory, SlotFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(door, **query) -> str:
    base = reverse("events:checkin", args=[door.conference.slug])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def first_day() -> datetime.date:
    """The page checks in for today, so the conference starts today where it is held."""
    return timezone.localtime(timezone.now(), zoneinfo.ZoneInfo("Europe/Amsterdam")).date()


@pytest.fixture
def at_the_door(door):
    return door


def test_checkin_page_sends_anonymous_visitors_to_log_in(client, door):
    response = client.get(url(door))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", ["attendee", "reviewer"])
def test_checkin_page_refuses_attendees_and_the_program_committee(client, door, who):
    client.force_login(door.member.user if who == "attendee" else door.reviewer)

    page = client.get(url(door))
    scan = client.post(url(door), {"code": door.code})

    assert (page.status_code, scan.status_code) == (403, 403)
    assert CheckIn.objects.count() == 0


@pytest.mark.parametrize("who", ["staff", "organizer"])
def test_checkin_page_opens_for_checkin_staff_and_organizers(client, door, who):
    client.force_login(getattr(door, who))

    response = client.get(url(door))

    assert response.status_code == 200
    assert b'name="code"' in response.content
    assert b"js/checkin.js" in response.content


def test_checkin_page_checks_a_typed_code_in(client, at_the_door):
    client.force_login(at_the_door.staff)

    response = client.post(url(at_the_door), {"code": at_the_door.code.lower()})

    text = response.content.decode()
    assert response.status_code == 200
    assert "Checked in" in text
    assert "Ada Lovelace" in text
    assert CheckIn.objects.get().by == at_the_door.staff


def test_checkin_page_answers_a_repeat_scan_with_the_first_time(client, at_the_door):
    checkin_record(
        conference=at_the_door.conference,
        code=at_the_door.code,
        by=at_the_door.organizer,
        now=at_the_door.at(9, 12),
    )
    client.force_login(at_the_door.staff)

    response = client.post(url(at_the_door), {"code": at_the_door.code})

    assert "Already checked in at 09:12" in response.content.decode()
    assert CheckIn.objects.count() == 1


def test_checkin_page_refuses_a_forged_code_at_the_field(client, at_the_door):
    client.force_login(at_the_door.staff)
    forged = at_the_door.code[:-1] + ("2" if at_the_door.code[-1] != "2" else "3")

    response = client.post(url(at_the_door), {"code": forged})

    text = response.content.decode()
    assert response.status_code == 400
    assert "Not valid" in text
    assert "This is not a valid check-in code for Summit 2030." in text
    assert CheckIn.objects.count() == 0


def test_checkin_page_refuses_an_empty_code(client, at_the_door):
    client.force_login(at_the_door.staff)

    response = client.post(url(at_the_door), {"code": ""})

    assert response.status_code == 400
    assert CheckIn.objects.count() == 0


def test_checkin_page_answers_json_for_the_scanner_script(client, at_the_door):
    client.force_login(at_the_door.staff)

    first = client.post(
        url(at_the_door), {"code": at_the_door.code}, HTTP_ACCEPT="application/json"
    )
    CheckIn.objects.update(at=at_the_door.at(9, 12))
    again = client.post(
        url(at_the_door), {"code": at_the_door.code}, HTTP_ACCEPT="application/json"
    )
    forged = client.post(
        url(at_the_door), {"code": "1-AAAAA-AAAAA"}, HTTP_ACCEPT="application/json"
    )

    assert first.json()["status"] == "checked_in"
    assert (again.json()["status"], again.json()["message"]) == (
        "already_checked_in",
        "Already checked in at 09:12.",
    )
    assert (forged.status_code, forged.json()["status"]) == (400, "invalid")


def test_checkin_page_escapes_the_persons_name(client, at_the_door):
    hostile = RegistrationFactory(
        conference=at_the_door.conference,
        user=UserFactory(first_name="<script>alert(1)</script>", last_name="X"),
    )
    client.force_login(at_the_door.staff)

    response = client.post(url(at_the_door), {"code": registration_checkin_code(hostile)})

    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_checkin_page_counts_check_ins_per_day(client, at_the_door):
    for _ in range(2):
        registration = RegistrationFactory(conference=at_the_door.conference)
        checkin_record(
            conference=at_the_door.conference,
            code=registration_checkin_code(registration),
            by=at_the_door.staff,
        )
    client.force_login(at_the_door.staff)

    response = client.get(url(at_the_door))

    assert [(day, count) for day, count in response.context["counts"]] == [
        (at_the_door.conference.starts_on, 2),
        (at_the_door.conference.ends_on, 0),
    ]


def test_checkin_page_records_attendance_at_the_chosen_session(client, at_the_door):
    client.force_login(at_the_door.staff)
    uid = at_the_door.talk.uid

    response = client.post(
        url(at_the_door, session=uid), {"code": at_the_door.code, "session": uid}
    )

    assert "Checked in" in response.content.decode()
    assert response.context["attendance"] == 1
    assert SessionAttendance.objects.get().slot_uid == uid
    assert CheckIn.objects.count() == 0


@pytest.mark.parametrize("others", [1, 8])
def test_checkin_page_records_session_attendance_in_constant_queries(
    client, at_the_door, django_assert_num_queries, others
):
    uid = at_the_door.talk.uid
    for _ in range(others):
        SlotFactory(schedule=at_the_door.release, talk=True)
        registration = RegistrationFactory(conference=at_the_door.conference)
        SessionAttendance.objects.create(
            registration=registration, slot_uid=uid, at=at_the_door.at(9)
        )
    client.force_login(at_the_door.staff)
    client.get(url(at_the_door))  # warm the session and content-type caches

    with django_assert_num_queries(16):
        response = client.post(
            url(at_the_door, session=uid), {"code": at_the_door.code, "session": uid}
        )

    assert response.context["attendance"] == others + 1


def test_checkin_page_with_an_unknown_session_goes_back_to_the_door(client, at_the_door):
    client.force_login(at_the_door.staff)

    response = client.get(url(at_the_door, session="not-a-uuid"))

    assert response.status_code == 302
    assert response["Location"] == url(at_the_door)


@pytest.mark.parametrize("earlier", [1, 3])
def test_checkin_page_answers_in_constant_queries(
    client, at_the_door, django_assert_num_queries, earlier
):
    for _ in range(earlier):
        registration = RegistrationFactory(conference=at_the_door.conference)
        checkin_record(
            conference=at_the_door.conference,
            code=registration_checkin_code(registration),
            by=at_the_door.staff,
        )
    client.force_login(at_the_door.staff)

    # session, user, groups, conference, release, sessions, registration, get_or_create
    # (select, savepoint, insert, release), counts
    with django_assert_num_queries(12):
        response = client.post(url(at_the_door), {"code": at_the_door.code})

    assert response.status_code == 200


# Badges


def test_my_badge_is_the_attendees_own(client, door):
    client.force_login(door.member.user)

    response = client.get(reverse("events:my_badge", args=[door.conference.slug]))

    body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF-")
    assert body.rstrip().endswith(b"%%EOF")


def test_my_badge_without_a_registration_goes_to_register(client, door):
    client.force_login(MemberFactory().user)

    response = client.get(reverse("events:my_badge", args=[door.conference.slug]))

    assert response["Location"] == reverse("events:register", args=[door.conference.slug])


def test_badge_of_another_person_is_refused_to_attendees(client, door):
    other = RegistrationFactory(conference=door.conference)
    client.force_login(door.member.user)

    single = client.get(reverse("events:badge", args=[door.conference.slug, other.pk]))
    bulk = client.get(reverse("events:badges", args=[door.conference.slug]))

    assert (single.status_code, bulk.status_code) == (403, 403)


def test_badges_are_refused_to_the_program_committee(client, door):
    client.force_login(door.reviewer)

    response = client.get(reverse("events:badges", args=[door.conference.slug]))

    assert response.status_code == 403


def test_badge_of_any_registration_for_staff(client, door):
    client.force_login(door.staff)

    response = client.get(
        reverse("events:badge", args=[door.conference.slug, door.registration.pk])
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize("registrations", [1, 10])
def test_badges_bulk_streams_in_constant_queries(
    client, door, django_assert_num_queries, registrations
):
    for _ in range(registrations - 1):
        RegistrationFactory(conference=door.conference)
    client.force_login(door.staff)

    # session, user, groups, conference, then the registrations in one query
    with django_assert_num_queries(5):
        response = client.get(reverse("events:badges", args=[door.conference.slug]))
        body = b"".join(response.streaming_content)

    assert response.streaming
    assert body.count(b"/Type /Page ") == (registrations + 3) // 4


@pytest.mark.parametrize("page", ["events:agenda", "events:register"])
def test_my_agenda_and_registration_pages_link_the_badge(client, door, page):
    client.force_login(door.member.user)

    response = client.get(reverse(page, args=[door.conference.slug]))

    assert reverse("events:my_badge", args=[door.conference.slug]).encode() in response.content


def test_navigation_links_check_in_for_staff_only(client, door):
    client.force_login(door.staff)
    staff_home = client.get(reverse("home"))
    client.force_login(door.member.user)
    attendee_home = client.get(reverse("home"))

    link = reverse("events:checkin_current").encode()
    assert (link in staff_home.content, link in attendee_home.content) == (True, False)


def test_checkin_current_goes_to_the_featured_conference(client, door):
    client.force_login(door.staff)

    response = client.get(reverse("events:checkin_current"))

    assert response["Location"] == url(door)


def test_checkin_current_is_refused_to_attendees(client, door):
    client.force_login(door.member.user)

    assert client.get(reverse("events:checkin_current")).status_code == 403
