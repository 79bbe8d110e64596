"""The VTIMEZONE of an IANA zone as calendar clients accept it (RFC 5545 3.6.5): the zone's
changes of offset around the conference, read from zoneinfo, ending where the zone keeps
summer time in a yearly STANDARD and a yearly DAYLIGHT observance with an RRULE each.

icalendar's `Timezone.from_tzid` lists every change of a span as DTSTART and RDATE and
stops there; some clients (the Ruby icalendar gem among them) reject a zone whose last
observances do not repeat, and all of them are left guessing past the span. Here the yearly
rule is derived from the zone itself: its changes over the next decades (which zoneinfo
computes from the zone's own rule) must all fall on one month, one weekday of it and one
time of day, and the rule holds back to the earliest change it describes. Changes before
that (a zone whose rules changed, such as the United States' in 2007) are listed one by
one, and a zone that no longer changes (Asia/Kolkata, or Europe/Moscow since 2014) ends in
its last observance, as it should.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import functools
import zoneinfo
from collections.abc import Iterable

# Before the first year of a conference and after its last: how far back the listed
# changes reach, and how many years ahead the yearly rule is checked against (28 years
# put every day of the month on every weekday).
YEARS_BEFORE = 2
RULE_CHECK_YEARS = 29
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclasses.dataclass(frozen=True)
class _Change:
    at: int  # POSIX timestamp of the change
    before: datetime.timedelta
    after: datetime.timedelta
    name: str
    daylight: bool

    @property
    def kind(self) -> tuple:
        return (self.before, self.after, self.name, self.daylight)

    @property
    def onset(self) -> datetime.datetime:
        """The change in the wall-clock time in force before it, as DTSTART wants it."""
        utc = datetime.datetime.fromtimestamp(self.at, datetime.UTC)
        return (utc + self.before).replace(tzinfo=None)


def _state(zone: zoneinfo.ZoneInfo, timestamp: int) -> tuple:
    moment = datetime.datetime.fromtimestamp(timestamp, zone)
    return (moment.utcoffset(), moment.tzname() or "", bool(moment.dst()))


def _changes(zone: zoneinfo.ZoneInfo, start: int, end: int) -> list[_Change]:
    """Every change of offset, name or summer time between the timestamps, found a week at
    a time and then to the second (no zone changes and changes back within a week)."""
    day = 7 * 86400
    found = []
    moment, state = start, _state(zone, start)
    while moment < end:
        if _state(zone, moment + day) == state:
            moment += day
            continue
        low, high = moment, moment + day
        while high - low > 1:
            middle = (low + high) // 2
            if _state(zone, middle) == state:
                low = middle
            else:
                high = middle
        after = _state(zone, high)
        found.append(
            _Change(at=high, before=state[0], after=after[0], name=after[1], daylight=after[2])
        )
        moment, state = high, after  # a second change within the day is found from here
    return found


def _yearly_rule(onsets: list[datetime.datetime]) -> str | None:
    """The RRULE that gives exactly these onsets' dates, one a year, or None: a fixed day,
    the last or nth weekday of the month, or the first weekday on or after a day."""
    months = {onset.month for onset in onsets}
    times = {onset.time() for onset in onsets}
    if len(months) != 1 or len(times) != 1 or len({onset.year for onset in onsets}) < len(onsets):
        return None
    (month,) = months
    head = f"FREQ=YEARLY;BYMONTH={month}"
    days = [onset.day for onset in onsets]
    if len(set(days)) == 1:
        return f"{head};BYMONTHDAY={days[0]}"
    weekdays = {onset.weekday() for onset in onsets}
    if len(weekdays) != 1:
        return None
    weekday = _WEEKDAYS[weekdays.pop()]
    if all(onset.day > calendar.monthrange(onset.year, month)[1] - 7 for onset in onsets):
        return f"{head};BYDAY=-1{weekday}"
    nths = {(day - 1) // 7 + 1 for day in days}
    if len(nths) == 1:
        return f"{head};BYDAY={nths.pop()}{weekday}"
    for first in range(1, 26):
        if all(first <= day < first + 7 for day in days):
            window = ",".join(str(day) for day in range(first, first + 7))
            return f"{head};BYDAY={weekday};BYMONTHDAY={window}"
    return None


def _offset(value: datetime.timedelta) -> str:
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


def _observance(
    *,
    start: datetime.datetime,
    before: datetime.timedelta,
    after: datetime.timedelta,
    name: str,
    daylight: bool,
    rule: str | None = None,
    dates: Iterable[datetime.datetime] = (),
) -> list[str]:
    kind = "DAYLIGHT" if daylight else "STANDARD"
    lines = [
        f"BEGIN:{kind}",
        f"DTSTART:{start:%Y%m%dT%H%M%S}",
        f"TZOFFSETFROM:{_offset(before)}",
        f"TZOFFSETTO:{_offset(after)}",
    ]
    if rule:
        lines.append(f"RRULE:{rule}")
    lines += [f"RDATE:{date:%Y%m%dT%H%M%S}" for date in dates]
    if name:
        escaped = name.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        lines.append(f"TZNAME:{escaped}")
    return [*lines, f"END:{kind}"]


@functools.lru_cache(maxsize=64)
def vtimezone(tzid: str, first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE of the IANA zone `tzid` for events from `first_year` to `last_year`:
    right from two years before them, and for ever after where the zone's yearly rule
    holds (otherwise to the end of the year after them)."""
    zone = zoneinfo.ZoneInfo(tzid)

    def timestamp(year: int) -> int:  # midnight on the zone's 1 January
        return int(datetime.datetime(year, 1, 1, tzinfo=zone).timestamp())

    window_start = timestamp(first_year - YEARS_BEFORE)
    changes = _changes(zone, timestamp(first_year - YEARS_BEFORE - 1), timestamp(last_year + 2))
    future = _changes(zone, timestamp(last_year + 2), timestamp(last_year + 2 + RULE_CHECK_YEARS))

    # The zone's yearly rules, where every future change of each kind follows one.
    samples: dict[tuple, list[datetime.datetime]] = {}
    for change in future:
        samples.setdefault(change.kind, []).append(change.onset)
    rules = {kind: _yearly_rule(onsets) for kind, onsets in samples.items()}
    recurring = bool(rules) and all(rules.values())

    # The changes from which on every one follows those rules.
    first_ruled = len(changes)
    if recurring:
        while first_ruled > 0:
            change = changes[first_ruled - 1]
            if change.kind not in rules:
                break
            if _yearly_rule([change.onset, *samples[change.kind]]) != rules[change.kind]:
                break
            first_ruled -= 1
    listed = [change for change in changes[:first_ruled] if change.at >= window_start]
    earlier = [change for change in changes[:first_ruled] if change.at < window_start]
    ruled = changes[first_ruled:] if recurring else []

    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    if (not ruled or ruled[0].at > window_start) and earlier:
        # The change that set the offset in force at the start of the span begins it.
        listed.insert(0, earlier[-1])
    elif not ruled or ruled[0].at > window_start:
        offset, name, daylight = _state(zone, window_start)
        lines += _observance(
            start=datetime.datetime.fromtimestamp(window_start, zone).replace(tzinfo=None),
            before=offset,
            after=offset,
            name=name,
            daylight=daylight,
        )
    # One observance per kind of change, its later onsets as RDATEs: the Ruby icalendar
    # gem cannot compare two observances of a type when one starts after an event.
    kinds: dict[tuple, list[_Change]] = {}
    for change in listed:
        kinds.setdefault(change.kind, []).append(change)
    for first, *others in kinds.values():
        lines += _observance(
            start=first.onset,
            before=first.before,
            after=first.after,
            name=first.name,
            daylight=first.daylight,
            dates=[change.onset for change in others],
        )
    if recurring:
        # The first change of each kind that the rule covers starts that rule; before
        # the first change of all, every change up to the end of the span is listed.
        starts: dict[tuple, _Change] = {}
        for change in ruled or future:
            starts.setdefault(change.kind, change)
        for change in sorted(starts.values(), key=lambda change: change.at):
            lines += _observance(
                start=change.onset,
                before=change.before,
                after=change.after,
                name=change.name,
                daylight=change.daylight,
                rule=rules[change.kind],
            )
    lines.append("END:VTIMEZONE")
    return "".join(line + "\r\n" for line in lines).encode()
