"""The agenda builder page (events/schedule/builder.py): who may open it and its endpoints,
and the grid it shows — rooms, slots and talks to place, filters, days, the warnings it
flags — within a query budget."""

import datetime

import pytest
from django.urls import reverse

from events.models import Schedule, Slot, Submission, SubmissionSpeaker
from events.schedule.services import schedule_working
from tests.events.schedule.builder.conftest import (
    JUNE_10,
    JUNE_11,
    at,
    block,
    builder_url,
    move_url,
    place_url,
    talk,
    unschedule_url,
)
from tests.factories import (
    AgendaItemFactory,
    ConferenceFactory,
    MemberFactory,
    RegistrationFactory,
    ReviewerFactory,
    RoomFactory,
    SessionFormatFactory,
    SlotFactory,
    TrackFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


# Who may use it


def all_urls(conference, slot) -> list[tuple[str, str]]:
    return [
        ("get", builder_url(conference)),
        ("post", builder_url(conference)),
        ("post", place_url(conference)),
        ("post", move_url(slot)),
        ("post", unschedule_url(slot)),
    ]


def test_builder_anonymous_sent_to_login(client, conference, working, auditorium):
    slot = block(working, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))

    answers = [getattr(client, method)(url) for method, url in all_urls(conference, slot)]

    assert [(answer.status_code, answer["Location"].split("?")[0]) for answer in answers] == [
        (302, reverse("admin:login"))
    ] * 5


@pytest.mark.parametrize("user_factory", [ReviewerFactory, lambda: UserFactory(is_staff=True)])
def test_builder_staff_who_are_not_organizers_refused(
    client, conference, working, auditorium, user_factory
):
    slot = block(working, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))
    client.force_login(user_factory())

    answers = [
        getattr(client, method)(
            url, {"action": "release", "version": "9"} if method == "post" else None
        )
        for method, url in all_urls(conference, slot)
    ]

    assert [answer.status_code for answer in answers] == [403] * 5
    assert not conference.schedules.released().exists()
    assert Slot.objects.get(pk=slot.pk).start == at(conference, JUNE_10, 9)


def test_builder_unknown_conference_is_not_found(organizer_client):
    response = organizer_client.get(reverse("admin:events_conference_agenda", args=[987654]))

    assert response.status_code == 404


def test_builder_slot_of_other_conference_is_not_found(organizer_client, conference, auditorium):
    other = SlotFactory(title="Elsewhere")

    response = organizer_client.post(
        reverse("admin:events_conference_agenda_move", args=[conference.pk, other.pk]),
        {"room": "", "start": "2030-06-10T09:00", "end": "2030-06-10T10:00"},
    )

    assert response.status_code == 404


def test_builder_released_slot_is_not_found(organizer_client, conference, auditorium):
    release = Schedule.objects.create(
        conference=conference,
        version="1.0",
        released_at=datetime.datetime(2030, 5, 1, tzinfo=datetime.UTC),
    )
    slot = block(release, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))

    response = organizer_client.post(unschedule_url(slot))

    assert (response.status_code, release.slots.count()) == (404, 1)


def test_conference_change_page_links_to_the_builder(organizer_client, conference):
    response = organizer_client.get(reverse("admin:events_conference_change", args=[conference.pk]))

    assert f'href="{builder_url(conference)}"' in response.content.decode()


# The page


def test_builder_shows_rooms_slots_and_talks_to_place(
    organizer_client, conference, working, auditorium, studio
):
    track = TrackFactory(conference=conference, name="Pipelines")
    placed = talk(conference, "Placed already")
    SlotFactory(
        schedule=working,
        room=auditorium,
        kind=Slot.Kind.TALK,
        submission=placed,
        title="",
        start=at(conference, JUNE_10, 9),
        end=at(conference, JUNE_10, 9, 30),
    )
    ada = MemberFactory(user__first_name="Ada", user__last_name="Lovelace", company__name="Orbit")
    talk(conference, "Waiting to be placed", track=track, speakers=[ada])
    talk(conference, "Still a proposal", state=Submission.State.SUBMITTED)
    talk(conference, "Withdrawn talk", state=Submission.State.WITHDRAWN)

    response = organizer_client.get(builder_url(conference))

    page = response.content.decode()
    assert (response.status_code, [t.title for t in response.context["unplaced"]]) == (
        200,
        ["Waiting to be placed"],
    )
    assert "Ada Lovelace (Orbit)" in page
    assert 'id="agenda-slot-' in page
    assert "Placed already" in page
    assert "Europe/Amsterdam" in page
    assert [room.name for room in response.context["rooms"]] == ["Auditorium", "Studio"]


def test_builder_filters_talks_by_track_and_format(organizer_client, conference, working):
    pipelines = TrackFactory(conference=conference, name="Pipelines")
    governance = TrackFactory(conference=conference, name="Governance")
    lab = SessionFormatFactory(conference=conference, name="Lab", duration_minutes=90)
    talk(conference, "Pipelines case", track=pipelines)
    talk(conference, "Pipelines lab", track=pipelines, format=lab)
    talk(conference, "Governance case", track=governance)

    response = organizer_client.get(
        builder_url(conference, day="2030-06-10", track=pipelines.pk, format=lab.pk)
    )

    assert [t.title for t in response.context["unplaced"]] == ["Pipelines lab"]
    assert [t.name for t in response.context["tracks"]] == ["Pipelines", "Governance"]


def test_builder_escapes_titles(organizer_client, conference, working, auditorium):
    talk(conference, "<script>alert(1)</script>")
    block(
        working,
        auditorium,
        at(conference, JUNE_10, 9),
        at(conference, JUNE_10, 10),
        title="<img src=x onerror=alert(2)>",
    )

    page = organizer_client.get(builder_url(conference)).content.decode()

    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)" in page
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page


def test_builder_shows_one_day_or_all(organizer_client, conference, working, auditorium):
    block(
        working,
        auditorium,
        at(conference, JUNE_10, 9),
        at(conference, JUNE_10, 10),
        title="Day one",
    )
    block(
        working,
        auditorium,
        at(conference, JUNE_11, 9),
        at(conference, JUNE_11, 10),
        title="Day two",
    )

    second = organizer_client.get(builder_url(conference, day="2030-06-11"))
    both = organizer_client.get(builder_url(conference, day="all"))
    outside = organizer_client.get(builder_url(conference, day="2031-01-01"))

    def titles(response):
        return [item.slot.title for day in response.context["days"] for item in day.slots]

    assert (titles(second), titles(both), titles(outside)) == (
        ["Day two"],
        ["Day one", "Day two"],
        ["Day one"],
    )


def test_builder_flags_room_smaller_than_stars(organizer_client, conference, working, studio):
    slot = SlotFactory(
        schedule=working,
        room=studio,
        talk=True,
        submission__title="Popular talk",
        start=at(conference, JUNE_10, 9),
        end=at(conference, JUNE_10, 10),
    )
    for _ in range(41):
        AgendaItemFactory(
            registration=RegistrationFactory(conference=conference), slot_uid=slot.uid
        )

    response = organizer_client.get(builder_url(conference))

    item = response.context["days"][0].slots[0]
    assert (item.stars, item.warning) == (
        41,
        "41 attendees starred “Popular talk” but Studio seats 40.",
    )
    assert "has-warning" in response.content.decode()


def test_builder_flags_speaker_in_two_places(
    organizer_client, conference, working, auditorium, studio
):
    ada = MemberFactory(user__first_name="Ada", user__last_name="Lovelace")
    first = talk(conference, "First talk", speakers=[ada])
    second = talk(conference, "Second talk", speakers=[MemberFactory()])
    for submission, room in ((first, auditorium), (second, studio)):
        SlotFactory(
            schedule=working,
            room=room,
            kind=Slot.Kind.TALK,
            submission=submission,
            title="",
            start=at(conference, JUNE_10, 9),
            end=at(conference, JUNE_10, 10),
        )
    # Ada joins the second talk after both were placed.
    SubmissionSpeaker.objects.create(submission=second, member=ada, order=1)

    response = organizer_client.get(builder_url(conference))

    assert [item.conflicts for item in response.context["days"][0].slots] == [
        ["Ada Lovelace also speaks in “Second talk”."],
        ["Ada Lovelace also speaks in “First talk”."],
    ]


def fill_conference(conference, *, days: int, per_day: int, rooms: int = 10) -> None:
    """per_day talk slots on each of the first `days` days, half-hour talks side by side in
    `rooms` rooms from 08:00, each with a speaker and stars, plus a tenth as many unplaced
    talks."""
    working = schedule_working(conference=conference)
    room_rows = [RoomFactory(conference=conference, order=n) for n in range(rooms)]
    session_format = SessionFormatFactory(conference=conference)
    track = TrackFactory(conference=conference)
    speakers = [MemberFactory() for _ in range(5)]
    total = days * per_day
    submissions = Submission.objects.bulk_create(
        Submission(
            conference=conference,
            title=f"Talk {n}",
            abstract="An abstract.",
            format=session_format,
            track=track,
            state=Submission.State.CONFIRMED,
        )
        for n in range(total + max(1, total // 10))
    )
    SubmissionSpeaker.objects.bulk_create(
        SubmissionSpeaker(submission=submission, member=speakers[n % 5], is_primary=True)
        for n, submission in enumerate(submissions)
    )
    slots = []
    for n, submission in enumerate(submissions[:total]):
        day = conference.days[n // per_day]
        position = n % per_day
        start = at(conference, day, 8) + datetime.timedelta(minutes=30 * (position // rooms))
        slots.append(
            Slot(
                schedule=working,
                kind=Slot.Kind.TALK,
                room=room_rows[position % rooms],
                submission=submission,
                start=start,
                end=start + datetime.timedelta(minutes=30),
            )
        )
    Slot.objects.bulk_create(slots)
    registration = RegistrationFactory(conference=conference)
    for slot in slots[:5]:
        AgendaItemFactory(registration=registration, slot_uid=slot.uid)


@pytest.mark.parametrize(
    ("days", "per_day", "shown"),
    [(1, 1, "2030-06-10"), (1, 150, "2030-06-10"), (4, 150, "all")],
    ids=["one-slot", "day-of-150", "conference-of-600"],
)
def test_builder_grid_query_count_independent_of_size(
    django_assert_num_queries, organizer_client, days, per_day, shown
):
    conference = ConferenceFactory(
        starts_on=JUNE_10, ends_on=JUNE_10 + datetime.timedelta(days=days - 1)
    )
    fill_conference(conference, days=days, per_day=per_day)

    with django_assert_num_queries(10):
        response = organizer_client.get(builder_url(conference, day=shown))

    assert sum(len(day.slots) for day in response.context["days"]) == days * per_day
    assert response.content.decode().count('class="agenda-slot ') == days * per_day
