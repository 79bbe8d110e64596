"""Lays out released sessions for the public pages: a day's rooms-by-time grid, "now and
next", and the clashes in a personal agenda.

Pure functions over slots a selector has already loaded; they run no queries.
`now_and_next` and `slots_by_day` read only `start` and `end`, so they take plain rows
(named tuples of values) as well. The grid's
rows, read in order, are also the time-ordered list that phones show, so the schedule page
renders one table and lets the stylesheet choose how it looks.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from events.models import Room, Slot


@dataclass
class Cell:
    """One table cell: a session starting in this row (spanning the rows and rooms it
    takes), or an empty stretch of a room (`slot` None)."""

    slot: Slot | None
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Row:
    """The cells that begin at one instant, in room order."""

    start: datetime.datetime
    cells: list[Cell] = field(default_factory=list)

    @property
    def has_sessions(self) -> bool:
        return any(cell.slot is not None for cell in self.cells)


def day_rooms(slots: list[Slot]) -> list[Room]:
    """The rooms used by these slots, in the conference's room order."""
    rooms = {slot.room_id: slot.room for slot in slots if slot.room_id is not None}
    return sorted(rooms.values(), key=lambda room: (room.order, room.name, room.pk))


def day_grid(slots: list[Slot], rooms: list[Room], shown: set | None = None) -> list[Row]:
    """A rooms-by-time grid of one day's active slots.

    Each instant at which a slot starts or ends opens a row; a slot spans the rows up to its
    end, and a slot without a room spans every room. Slots whose uid is not in `shown`
    (the filters' choice; None shows all) leave an empty stretch in their room instead.
    """
    boundaries = sorted({slot.start for slot in slots} | {slot.end for slot in slots})
    if not boundaries:
        return []
    row_of = {moment: index for index, moment in enumerate(boundaries)}
    column_of = {room.pk: index for index, room in enumerate(rooms)}
    row_count, column_count = len(boundaries) - 1, max(len(rooms), 1)
    # taken[row][column]: the cell that starts there, True under a span, None when free.
    taken: list[list] = [[None] * column_count for _ in range(row_count)]
    for slot in slots:
        first, last = row_of[slot.start], row_of[slot.end]
        if slot.room_id is None:
            column, colspan = 0, column_count
        else:
            column, colspan = column_of[slot.room_id], 1
        if any(
            taken[row][col] is not None
            for row in range(first, last)
            for col in range(column, column + colspan)
        ):
            continue  # the database forbids overlaps in a room; never draw one over another
        visible = shown is None or slot.uid in shown
        taken[first][column] = Cell(visible and slot or None, last - first, colspan)
        for row in range(first, last):
            for col in range(column, column + colspan):
                if (row, col) != (first, column):
                    taken[row][col] = True
    rows = []
    for index in range(row_count):
        row = Row(start=boundaries[index])
        for column in range(column_count):
            value = taken[index][column]
            if value is None:
                row.cells.append(Cell(None))
            elif value is not True:
                row.cells.append(value)
        rows.append(row)
    return rows


def now_and_next(slots: list[Slot], now: datetime.datetime) -> tuple[list[Slot], list[Slot]]:
    """The active slots under way at `now`, and those starting next (all at one instant)."""
    current = [slot for slot in slots if slot.start <= now < slot.end]
    later = [slot for slot in slots if slot.start > now]
    if not later:
        return current, []
    soonest = min(slot.start for slot in later)
    return current, [slot for slot in later if slot.start == soonest]


def agenda_clashes(slots: list[Slot]) -> dict:
    """For each starred active slot that overlaps another starred one: those others, by uid."""
    active = sorted((slot for slot in slots if not slot.cancelled), key=lambda s: s.start)
    clashes: dict = {}
    for index, slot in enumerate(active):
        for other in active[index + 1 :]:
            if other.start >= slot.end:
                break
            clashes.setdefault(slot.uid, []).append(other)
            clashes.setdefault(other.uid, []).append(slot)
    return clashes


def slots_by_day(slots: list[Slot], tz) -> dict[datetime.date, list[Slot]]:
    """The slots grouped by their local start date, in the order given."""
    days: dict[datetime.date, list[Slot]] = {}
    for slot in slots:
        days.setdefault(timezone.localtime(slot.start, tz).date(), []).append(slot)
    return days
