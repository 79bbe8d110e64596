"""The agenda builder in the admin: who may open it, the grid it shows and its query budget,
and its endpoints for placing, moving and unscheduling, adding blocks and releasing."""

import datetime
import json

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from events.models import Schedule, Slot, Submission, SubmissionSpeaker
from events.schedule.services import schedule_release, schedule_working
from tests.factories import (
    AgendaItemFactory,
    ConferenceFactory,
    MemberFactory,
    OrganizerFactory,
    RegistrationFactory,
    ReviewerFactory,
    RoomFactory,
    SessionFormatFactory,
    SlotFactory,
    SubmissionFactory,
    TrackFactory,
    UserFactory,
    local_datetime,
)

pytestmark = pytest.mark.django_db

JUNE_10 = datetime.date(2030, 6, 10)
JUNE_11 = datetime.date(2030, 6, 11)


@pytest.fixture
def conference():
    return ConferenceFactory(
        name="Polaris Summit 2030",
        starts_on=JUNE_10,
        ends_on=JUNE_11,
        timezone="Europe/Amsterdam",
    )


@pytest.fixture
def working(conference):
    return schedule_working(conference=conference)


@pytest.fixture
def auditorium(conference):
    return RoomFactory(conference=conference, name="Auditorium", capacity=100, order=0)


@pytest.fixture
def studio(conference):
    return RoomFactory(conference=conference, name="Studio", capacity=40, order=1)


@pytest.fixture
def organizer_client(client):
    client.force_login(OrganizerFactory())
    return client


def at(conference, day, hour, minute=0):
    return local_datetime(conference, day, hour, minute)


def builder_url(conference, **query) -> str:
    url = reverse("admin:events_conference_agenda", args=[conference.pk])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def place_url(conference) -> str:
    return reverse("admin:events_conference_agenda_place", args=[conference.pk])


def move_url(slot) -> str:
    return reverse(
        "admin:events_conference_agenda_move", args=[slot.schedule.conference_id, slot.pk]
    )


def unschedule_url(slot) -> str:
    return reverse(
        "admin:events_conference_agenda_unschedule", args=[slot.schedule.conference_id, slot.pk]
    )


def talk(conference, title="Streaming at Orbit", **fields):
    fields.setdefault("state", Submission.State.ACCEPTED)
    return SubmissionFactory(conference=conference, title=title, **fields)


def block(working, room, start, end, title="Opening", **fields):
    return SlotFactory(schedule=working, room=room, start=start, end=end, title=title, **fields)


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


# Placing, moving, unscheduling


def answer(response) -> dict:
    return json.loads(response.content)


def test_builder_place_saves_slot_and_answers_with_its_html(
    organizer_client, conference, working, auditorium
):
    waiting = talk(conference, "Streaming at Orbit")

    response = organizer_client.post(
        place_url(conference),
        {"submission": waiting.pk, "room": auditorium.pk, "start": "2030-06-10T10:00"},
    )

    slot = working.slots.get()
    body = answer(response)
    assert (response.status_code, body["ok"], slot.start, slot.end, slot.room) == (
        200,
        True,
        datetime.datetime(2030, 6, 10, 8, 0, tzinfo=datetime.UTC),
        datetime.datetime(2030, 6, 10, 8, 30, tzinfo=datetime.UTC),
        auditorium,
    )
    assert body["message"] == "Placed “Streaming at Orbit”: Auditorium, Mon 10 Jun 10:00–10:30."
    assert f'id="agenda-slot-{slot.pk}"' in body["slot"]["html"]


def test_builder_place_on_taken_room_refused_with_reason(
    organizer_client, conference, working, auditorium
):
    block(working, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))
    waiting = talk(conference)

    response = organizer_client.post(
        place_url(conference),
        {"submission": waiting.pk, "room": auditorium.pk, "start": "2030-06-10T09:30"},
    )

    assert (response.status_code, answer(response), working.slots.count()) == (
        409,
        {
            "ok": False,
            "errors": ["Auditorium is taken from 09:00 to 10:00 by “Opening” (Auditorium)."],
            "codes": ["room_overlap"],
            "reload": False,
        },
        1,
    )


def test_builder_place_with_bad_time_refused(organizer_client, conference, working, auditorium):
    response = organizer_client.post(
        place_url(conference),
        {"submission": talk(conference).pk, "room": auditorium.pk, "start": "tomorrow"},
    )

    assert (response.status_code, answer(response)["errors"], working.slots.count()) == (
        400,
        ["Enter a valid date/time."],
        0,
    )


def test_builder_place_room_of_other_conference_refused(organizer_client, conference, working):
    response = organizer_client.post(
        place_url(conference),
        {"submission": talk(conference).pk, "room": RoomFactory().pk, "start": "2030-06-10T09:00"},
    )

    assert (response.status_code, answer(response)["errors"]) == (
        400,
        ["Choose a room of this conference."],
    )


def test_builder_place_talk_of_other_conference_refused(organizer_client, conference, auditorium):
    response = organizer_client.post(
        place_url(conference),
        {
            "submission": talk(ConferenceFactory()).pk,
            "room": auditorium.pk,
            "start": "2030-06-10T09:00",
        },
    )

    assert (response.status_code, Slot.objects.count()) == (404, 0)


def test_builder_move_saves_new_room_and_times(
    organizer_client, conference, working, auditorium, studio
):
    slot = block(working, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))

    response = organizer_client.post(
        move_url(slot),
        {
            "room": studio.pk,
            "start": "2030-06-11T14:00",
            "end": "2030-06-11T15:30",
            "version": slot.updated_at.isoformat(),
        },
    )

    slot.refresh_from_db()
    assert (response.status_code, slot.room, slot.start, slot.end) == (
        200,
        studio,
        at(conference, JUNE_11, 14),
        at(conference, JUNE_11, 15, 30),
    )
    assert answer(response)["slot"]["day"] == "2030-06-11"


def test_builder_move_stale_refused_and_page_told_to_reload(
    organizer_client, conference, working, auditorium
):
    slot = block(working, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))
    read_at = slot.updated_at.isoformat()
    Slot.objects.filter(pk=slot.pk).update(
        updated_at=slot.updated_at + datetime.timedelta(seconds=1)
    )

    response = organizer_client.post(
        move_url(slot),
        {
            "room": auditorium.pk,
            "start": "2030-06-10T11:00",
            "end": "2030-06-10T12:00",
            "version": read_at,
        },
    )
    reloaded = organizer_client.get(builder_url(conference))

    body = answer(response)
    assert (response.status_code, body["codes"], body["reload"]) == (409, ["stale"], True)
    assert Slot.objects.get(pk=slot.pk).start == at(conference, JUNE_10, 9)
    assert "changed this slot since you loaded the page" in reloaded.content.decode()


@pytest.mark.parametrize("existing", [1, 30])
def test_builder_move_query_count_independent_of_schedule_size(
    django_assert_num_queries, organizer_client, conference, working, auditorium, existing
):
    for _ in range(existing):
        SlotFactory(
            schedule=working,
            talk=True,
            start=at(conference, JUNE_10, 9),
            end=at(conference, JUNE_10, 10),
        )
    slot = SlotFactory(
        schedule=working,
        room=auditorium,
        talk=True,
        start=at(conference, JUNE_10, 9),
        end=at(conference, JUNE_10, 10),
    )
    data = {
        "room": auditorium.pk,
        "start": "2030-06-10T11:00",
        "end": "2030-06-10T12:00",
        "version": slot.updated_at.isoformat(),
    }

    with django_assert_num_queries(21):
        response = organizer_client.post(move_url(slot), data)

    assert response.status_code == 200


def test_builder_unschedule_talk_answers_with_its_card(
    organizer_client, conference, working, auditorium
):
    slot = SlotFactory(
        schedule=working,
        room=auditorium,
        talk=True,
        submission__title="Back to the list",
        start=at(conference, JUNE_10, 9),
        end=at(conference, JUNE_10, 10),
    )

    response = organizer_client.post(unschedule_url(slot), {"version": slot.updated_at.isoformat()})

    body = answer(response)
    assert (response.status_code, working.slots.count(), body["message"]) == (
        200,
        0,
        "“Back to the list” is back in the list of talks to place.",
    )
    assert f'data-submission="{slot.submission_id}"' in body["card_html"]


def test_builder_unschedule_block_deletes_it(organizer_client, conference, working, auditorium):
    slot = block(working, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))

    response = organizer_client.post(unschedule_url(slot), {"version": slot.updated_at.isoformat()})

    assert (answer(response)["message"], working.slots.count()) == (
        "Deleted the block “Opening”.",
        0,
    )


def test_builder_unschedule_with_broken_version_refused(
    organizer_client, conference, working, auditorium
):
    slot = block(working, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))

    response = organizer_client.post(unschedule_url(slot), {"version": "yesterday"})

    assert (response.status_code, working.slots.count()) == (400, 1)


def test_builder_endpoints_refuse_get(organizer_client, conference, working, auditorium):
    slot = block(working, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))

    statuses = [
        organizer_client.get(url).status_code
        for url in (place_url(conference), move_url(slot), unschedule_url(slot))
    ]

    assert statuses == [405, 405, 405]


# Blocks and releases: plain forms


def block_form(**changes) -> dict:
    data = {
        "action": "block",
        "kind": "meal",
        "title": "Lunch",
        "description": "",
        "day": "2030-06-10",
        "start": "12:30",
        "end": "13:30",
    }
    data.update(changes)
    return data


def test_builder_block_form_adds_whole_venue_block(
    organizer_client, conference, working, auditorium
):
    response = organizer_client.post(builder_url(conference), block_form())

    slot = working.slots.get()
    assert (response.status_code, slot.room, slot.kind, slot.start) == (
        302,
        None,
        "meal",
        at(conference, JUNE_10, 12, 30),
    )


def test_builder_block_form_adds_one_slot_per_chosen_room(
    organizer_client, conference, working, auditorium, studio
):
    organizer_client.post(
        builder_url(conference),
        block_form(kind="keynote", title="Vendor keynote", rooms=[auditorium.pk, studio.pk]),
    )

    assert sorted(working.slots.values_list("room__name", flat=True)) == ["Auditorium", "Studio"]


def test_builder_block_form_conflict_shown_on_filled_form(
    organizer_client, conference, working, auditorium
):
    block(
        working, auditorium, at(conference, JUNE_10, 12), at(conference, JUNE_10, 13), title="Panel"
    )

    response = organizer_client.post(builder_url(conference), block_form(title="Lunch break"))

    form = response.context["block_form"]
    assert (response.status_code, form.non_field_errors(), form["title"].value()) == (
        400,
        ["The whole venue is taken from 12:00 to 13:00 by “Panel” (Auditorium)."],
        "Lunch break",
    )
    assert working.slots.count() == 1


def test_builder_block_form_ending_before_start_refused(organizer_client, conference, working):
    response = organizer_client.post(builder_url(conference), block_form(end="12:00"))

    assert (response.status_code, response.context["block_form"].errors["end"]) == (
        400,
        ["The block must end after it starts."],
    )


def test_builder_release_form_releases_with_changelog(
    organizer_client, conference, working, auditorium
):
    block(working, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))

    response = organizer_client.post(
        builder_url(conference),
        {"action": "release", "version": "1.0", "note": "First program."},
        follow=True,
    )

    release = conference.schedules.released().get()
    assert (release.version, release.note, len(release.changelog["new"])) == (
        "1.0",
        "First program.",
        1,
    )
    assert "Released version 1.0: 1 new, 0 moved, 0 changed, 0 cancelled." in (
        response.content.decode()
    )


def test_builder_release_form_version_taken_shown_next_to_field(
    organizer_client, conference, working, auditorium
):
    schedule_release(conference=conference, version="1.0")

    response = organizer_client.post(
        builder_url(conference), {"action": "release", "version": "1.0", "note": "Again"}
    )

    form = response.context["release_form"]
    assert (response.status_code, form.errors["version"], form["note"].value()) == (
        400,
        ["Version 1.0 has already been released."],
        "Again",
    )
    assert conference.schedules.released().count() == 1


def test_builder_lists_releases_with_their_changes(
    organizer_client, conference, working, auditorium
):
    block(working, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))
    schedule_release(conference=conference, version="1.0")

    page = organizer_client.get(builder_url(conference)).content.decode()

    assert "Version 1.0</a>" in page
    assert "1 new, 0 moved, 0 changed, 0 cancelled" in page


def test_builder_move_and_unschedule_are_in_the_audit_log_under_the_organizer(
    client, conference, working, auditorium
):
    organizer = OrganizerFactory(username="olga")
    client.force_login(organizer)
    slot = SlotFactory(
        schedule=working,
        room=auditorium,
        talk=True,
        start=at(conference, JUNE_10, 9),
        end=at(conference, JUNE_10, 10),
    )
    client.post(
        move_url(slot),
        {"room": auditorium.pk, "start": "2030-06-10T11:00", "end": "2030-06-10T12:00"},
    )
    client.post(unschedule_url(slot), {})

    assert list(
        AuditEntry.objects.filter(actor=organizer).order_by("pk").values_list("action", flat=True)
    ) == [AuditEntry.Action.SLOT_SAVED, AuditEntry.Action.SLOT_DELETED]
