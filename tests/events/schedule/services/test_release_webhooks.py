"""The webhooks of a release (events/schedule/services.py: schedule_release): one
`schedule.released` per release and one `session.changed` per changelog entry, with the
conference, the version and the session as the changelog has it; nothing for a release that
is refused."""

import pytest
from django.core.exceptions import ValidationError

from events.schedule.services import schedule_release, slot_save
from tests.events.schedule.services.conftest import (
    JUNE_10,
    RELEASE_1,
    RELEASE_2,
    accepted_talk,
    at,
    place,
)
from tests.webhooks.conftest import make_endpoint, sent
from webhooks.models import Delivery, EventType

pytestmark = pytest.mark.django_db


@pytest.fixture
def endpoint():
    return make_endpoint(
        "https://hooks.example.com/in", EventType.SCHEDULE_RELEASED, EventType.SESSION_CHANGED
    )


@pytest.fixture
def agenda(conference, working, room):
    return {
        "keynote": place(
            working,
            room,
            at(conference, JUNE_10, 9),
            at(conference, JUNE_10, 10),
            submission=accepted_talk(conference, "Streaming at Orbit"),
        ),
        "lunch": place(
            working, None, at(conference, JUNE_10, 12), at(conference, JUNE_10, 13), title="Lunch"
        ),
    }


def test_a_first_release_sends_the_release_and_each_new_session_once(
    conference, agenda, endpoint, settings
):
    release = schedule_release(conference=conference, version="1.0", note="Hi", now=RELEASE_1)

    [released] = sent(EventType.SCHEDULE_RELEASED)
    sessions = sent(EventType.SESSION_CHANGED)
    about = {"slug": conference.slug, "name": "Polaris Summit 2030"}
    assert released == {
        "conference": about,
        "version": "1.0",
        "released_at": "2030-05-01T12:00:00Z",
        "note": "Hi",
        "changes": {"new": 2, "moved": 0, "changed": 0, "cancelled": 0},
        "url": f"{settings.SITE_URL}/conferences/{conference.slug}/schedule/",
    }
    assert sorted(
        (data["change"], data["session"]["title"], data["version"]) for data in sessions
    ) == [("new", "Lunch", "1.0"), ("new", "Streaming at Orbit", "1.0")]
    assert all(data["conference"] == about for data in sessions)
    by_title = sorted(release.changelog["new"], key=lambda entry: entry["title"])
    assert sorted((data["session"] for data in sessions), key=lambda s: s["title"]) == by_title


def test_a_moved_session_is_sent_once_as_moved(conference, agenda, endpoint):
    schedule_release(conference=conference, version="1.0", now=RELEASE_1)
    keynote = agenda["keynote"]
    keynote.start, keynote.end = at(conference, JUNE_10, 10, 30), at(conference, JUNE_10, 11, 30)
    slot_save(slot=keynote)
    Delivery.objects.all().delete()

    schedule_release(conference=conference, version="1.1", now=RELEASE_2)

    assert sent(EventType.SESSION_CHANGED) == [
        {
            "conference": {"slug": conference.slug, "name": "Polaris Summit 2030"},
            "version": "1.1",
            "change": "moved",
            "session": {
                "uid": str(keynote.uid),
                "title": "Streaming at Orbit",
                "start": "2030-06-10T10:30:00+02:00",
                "room": "Auditorium",
            },
        }
    ]
    assert [data["changes"] for data in sent(EventType.SCHEDULE_RELEASED)] == [
        {"new": 0, "moved": 1, "changed": 0, "cancelled": 0}
    ]


def test_a_refused_release_sends_nothing(conference, agenda, endpoint):
    schedule_release(conference=conference, version="1.0", now=RELEASE_1)
    Delivery.objects.all().delete()

    with pytest.raises(ValidationError):
        schedule_release(conference=conference, version="1.0", now=RELEASE_2)

    assert not Delivery.objects.exists()
