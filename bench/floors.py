"""The floors the JSON and iCal exports are measured against: the least work that could
produce the same content, so a ratio to it says what our code costs on top.

Each floor fetches a release's rows with one bare `.values()` query (a row per session
and speaker) and writes them out: with `json.dumps` (JSON), or as the iCalendar lines a
feed needs, joined as plain strings, with RFC 5545 text escaping but no line folding
(iCal). No models, no serializers, no HTTP.
"""

import json
from collections import defaultdict

from django.db.models import Subquery

from events.models import Conference, Schedule, Slot

FIELDS = (
    "uid",
    "kind",
    "title",
    "description",
    "start",
    "end",
    "cancelled",
    "sequence",
    "room__name",
    "submission__title",
    "submission__abstract",
    "submission__track__name",
    "submission__format__name",
    "submission__submission_speakers__member__user__first_name",
    "submission__submission_speakers__member__user__last_name",
    "submission__submission_speakers__member__company__name",
)


def _sessions(release: Schedule, uids=None, first: int | None = None) -> list[dict]:
    slots = Slot.objects.filter(schedule=release)
    if uids is not None:
        slots = slots.filter(uid__in=uids)
    if first is not None:  # a page: the first sessions in time order, as a subquery
        page = Slot.objects.filter(schedule=release).order_by("start", "pk").values("pk")
        slots = slots.filter(pk__in=Subquery(page[:first]))
    sessions: dict = {}
    speakers = defaultdict(list)
    for row in slots.order_by("start", "room__order", "pk").values(*FIELDS):
        sessions.setdefault(row["uid"], row)
        first = row["submission__submission_speakers__member__user__first_name"]
        if first is not None:
            speakers[row["uid"]].append(
                f"{first} {row['submission__submission_speakers__member__user__last_name']}"
                f" ({row['submission__submission_speakers__member__company__name']})"
            )
    for uid, row in sessions.items():
        row["speakers"] = speakers[uid]
    return list(sessions.values())


def json_floor(release: Schedule, first: int | None = None) -> bytes:
    """The release's active sessions as JSON; `first` limits them to a page of that many
    (in time order, cancelled ones included, as the API's sessions list pages them)."""
    return json.dumps(
        [
            {
                "guid": str(row["uid"]),
                "title": row["submission__title"] or row["title"],
                "abstract": row["submission__abstract"] or row["description"],
                "start": row["start"].isoformat(),
                "end": row["end"].isoformat(),
                "room": row["room__name"],
                "track": row["submission__track__name"],
                "type": row["submission__format__name"] or row["kind"],
                "persons": row["speakers"],
            }
            for row in _sessions(release, first=first)
            if first is not None or not row["cancelled"]
        ],
        ensure_ascii=False,
    ).encode()


def _text(value: str | None) -> str:
    return (
        (value or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def ical_floor(conference: Conference, release: Schedule, uids=None) -> bytes:
    assert release.released_at is not None, "the floor is of a released schedule"
    stamp = release.released_at.strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//floor//EN"]
    for row in _sessions(release, uids):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{row['uid']}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{row['start'].strftime('%Y%m%dT%H%M%SZ')}",
            f"DTEND:{row['end'].strftime('%Y%m%dT%H%M%SZ')}",
            f"SEQUENCE:{row['sequence']}",
            f"SUMMARY:{_text(row['submission__title'] or row['title'])}",
            f"DESCRIPTION:{_text(row['submission__abstract'] or row['description'])}"
            f"\\n\\nSpeakers: {_text('; '.join(row['speakers']))}",
            f"LOCATION:{_text(row['room__name'] or conference.venue)}",
            f"STATUS:{'CANCELLED' if row['cancelled'] else 'CONFIRMED'}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()
