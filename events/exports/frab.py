"""The frab/pentabarf `schedule.xml` that Giggity, ConfClerk and the c3voc tools read,
valid against the published schema (validator/xsd/schedule.xml.xsd of voc/schedule).

A pure renderer of an `events.exports.schedule_data.ScheduleDocument`.
"""

import re
import xml.etree.ElementTree as ET  # writes XML only, never parses input

from events.exports.schedule_data import GENERATOR, LANGUAGE, TIMESLOT_MINUTES, ScheduleDocument

# Characters XML 1.0 cannot carry at all, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(parent: ET.Element, tag: str, text: str | None, **attributes: str) -> ET.Element:
    element = ET.SubElement(
        parent, tag, {key: _NOT_XML.sub("", value) for key, value in attributes.items()}
    )
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def schedule_xml(document: ScheduleDocument) -> bytes:
    conference = document.conference
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", {"name": GENERATOR})
    _text(root, "url", document.url)
    _text(root, "version", document.version)
    head = ET.SubElement(root, "conference")
    _text(head, "title", conference.name)
    _text(head, "acronym", document.acronym)
    _text(head, "start", conference.starts_on.isoformat())
    _text(head, "end", conference.ends_on.isoformat())
    _text(head, "days", str(len(document.days)))
    _text(head, "timeslot_duration", f"00:{TIMESLOT_MINUTES:02d}")
    _text(head, "base_url", document.base_url)
    _text(head, "url", document.conference_url)
    _text(head, "time_zone_name", conference.timezone)
    for track in document.tracks:
        attributes = {"name": track.name, "color": track.colour}
        if track.slug:
            attributes["slug"] = track.slug
        _text(head, "track", track.name, **attributes)
    for day in document.days:
        day_element = ET.SubElement(
            root,
            "day",
            {
                "index": str(day.index),
                "date": day.date.isoformat(),
                "start": day.start.isoformat(),
                "end": day.end.isoformat(),
            },
        )
        for room in day.rooms:
            room_element = _text(day_element, "room", None, name=room.name, guid=room.guid)
            for event in room.events:
                element = ET.SubElement(
                    room_element, "event", {"guid": event.guid, "id": str(event.id)}
                )
                _text(element, "date", event.start.isoformat())
                _text(element, "start", event.start.strftime("%H:%M"))
                _text(element, "duration", event.duration)
                _text(element, "room", event.room)
                _text(element, "slug", event.slug)
                _text(element, "url", event.url)
                _text(element, "title", event.title)
                _text(element, "subtitle", "")
                _text(element, "track", event.track)
                _text(element, "type", event.type)
                _text(element, "language", LANGUAGE)
                _text(element, "abstract", event.abstract)
                _text(element, "description", event.description)
                persons = ET.SubElement(element, "persons")
                for person in event.persons:
                    _text(persons, "person", person.name, id=str(person.id), guid=person.guid)
                ET.SubElement(element, "links")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
