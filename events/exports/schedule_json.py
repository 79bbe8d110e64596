"""The c3voc `schedule.json`: the same schedule as the frab XML, in the JSON form the c3voc
tools and the apps that follow them read, valid against validator/json/schema.json of
voc/schedule.

A pure renderer of an `events.exports.schedule_data.ScheduleDocument`.
"""

import json

from events.exports.schedule_data import (
    GENERATOR,
    LANGUAGE,
    TIMESLOT_MINUTES,
    EventEntry,
    ScheduleDocument,
)

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"


def _event(event: EventEntry) -> dict:
    return {
        "guid": event.guid,
        "id": event.id,
        "date": event.start.isoformat(),
        "start": event.start.strftime("%H:%M"),
        "end": event.end.isoformat(),
        "duration": event.duration,
        "room": event.room,
        "slug": event.slug,
        "url": event.url,
        "title": event.title,
        "subtitle": "",
        "track": event.track or None,
        "type": event.type,
        "language": LANGUAGE,
        "abstract": event.abstract,
        "description": event.description,
        "persons": [
            {"guid": person.guid, "name": person.name, "public_name": person.name}
            for person in event.persons
        ],
        "links": [],
    }


def schedule_json(document: ScheduleDocument) -> bytes:
    conference = document.conference
    data = {
        "$schema": SCHEMA_URL,
        "generator": {"name": GENERATOR},
        "schedule": {
            "version": document.version,
            "base_url": document.base_url,
            "url": document.url,
            "conference": {
                "acronym": document.acronym,
                "title": conference.name,
                "start": conference.starts_on.isoformat(),
                "end": conference.ends_on.isoformat(),
                "daysCount": len(document.days),
                "timeslot_duration": f"00:{TIMESLOT_MINUTES:02d}",
                "time_zone_name": conference.timezone,
                "url": document.conference_url,
                "tracks": [
                    {"name": track.name, "color": track.colour}
                    | ({"slug": track.slug} if track.slug else {})
                    for track in document.tracks
                ],
                "rooms": [
                    {"name": room.name, "guid": room.guid}
                    | ({"capacity": room.capacity} if room.capacity else {})
                    for room in document.rooms
                ],
                "days": [
                    {
                        "index": day.index,
                        "date": day.date.isoformat(),
                        "day_start": day.start.isoformat(),
                        "day_end": day.end.isoformat(),
                        "rooms": {
                            room.name: [_event(event) for event in room.events]
                            for room in day.rooms
                        },
                    }
                    for day in document.days
                ],
            },
        },
    }
    # Compact: indenting would send the whole document through json's pure-Python encoder.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
