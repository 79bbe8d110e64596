"""Lays out released sessions for the public pages: a day's rooms-by-time grid, "now and
next", and the clashes in a personal agenda.

Pure functions over sessions already loaded; they run no queries. The schedule page and My
agenda hand them `events.schedule.rows.SessionRow`s, the read model the exports share, so
neither page builds whole slots. The grid needs SessionRows (their rooms); `now_and_next`,
`agenda_clashes` and `slots_by_day` read only the times (and uid and cancellation), so they
take anything that has them: SessionRows, the schedule page's facet rows (named tuples of
values) or slots.
The grid's rows, read in order, are also the time-ordered list that phones show, so the
schedule page renders one table and lets the stylesheet choose how it looks.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

from django.utils import timezone

if TYPE_CHECKING:  # annotations only: rows and timetable are independent selectors
    from events.schedule.rows import SessionRow


class Timed(Protocol):
    @property
    def start(self) -> datetime.datetime: ...

    @property
    def end(self) -> datetime.datetime: ...


class Starrable(Timed, Protocol):
    @property
    def uid(self) -> uuid.UUID: ...

    @property
    def cancelled(self) -> bool: ...


T = TypeVar("T", bound=Timed)
S = TypeVar("S", bound=Starrable)


@dataclass(frozen=True)
class DayRoom:
    """A column of the grid: a room some session of the day takes."""

    id: int
    name: str
    order: int


@dataclass
class Cell:
    """One table cell: a session starting in this row (spanning the rows and rooms it
    takes), or an empty stretch of a room (`slot` None)."""

    slot: SessionRow | None
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


def day_rooms(sessions: list[SessionRow]) -> list[DayRoom]:
    """The rooms used by these sessions, in the conference's room order."""
    rooms = {
        session.room_id: DayRoom(session.room_id, session.room_name, session.room_order)
        for session in sessions
        if session.room_id is not None
    }
    return sorted(rooms.values(), key=lambda room: (room.order, room.name, room.id))


def day_grid(
    sessions: list[SessionRow], rooms: list[DayRoom], shown: set | None = None
) -> list[Row]:
    """A rooms-by-time grid of one day's active sessions.

    Each instant at which a session starts or ends opens a row; a session spans the rows up
    to its end, and one without a room spans every room. Sessions whose uid is not in
    `shown` (the filters' choice; None shows all) leave an empty stretch in their room
    instead.
    """
    boundaries = sorted({s.start for s in sessions} | {s.end for s in sessions})
    if not boundaries:
        return []
    row_of = {moment: index for index, moment in enumerate(boundaries)}
    column_of = {room.id: index for index, room in enumerate(rooms)}
    row_count, column_count = len(boundaries) - 1, max(len(rooms), 1)
    # taken[row][column]: the cell that starts there, True under a span, None when free.
    taken: list[list] = [[None] * column_count for _ in range(row_count)]
    for session in sessions:
        first, last = row_of[session.start], row_of[session.end]
        if session.room_id is None:
            column, colspan = 0, column_count
        else:
            column, colspan = column_of[session.room_id], 1
        if any(
            taken[line][col] is not None
            for line in range(first, last)
            for col in range(column, column + colspan)
        ):
            continue  # the database forbids overlaps in a room; never draw one over another
        visible = shown is None or session.uid in shown
        taken[first][column] = Cell(session if visible else None, last - first, colspan)
        for line in range(first, last):
            for col in range(column, column + colspan):
                if (line, col) != (first, column):
                    taken[line][col] = True
    rows: list[Row] = []
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


def now_and_next(sessions: list[T], now: datetime.datetime) -> tuple[list[T], list[T]]:
    """The active sessions under way at `now`, and those starting next (all at one
    instant), each in the order given."""
    current = [s for s in sessions if s.start <= now < s.end]
    later = [s for s in sessions if s.start > now]
    if not later:
        return current, []
    soonest = min(s.start for s in later)
    return current, [s for s in later if s.start == soonest]


def agenda_clashes(sessions: list[S]) -> dict[uuid.UUID, list[S]]:
    """For each starred active session that overlaps another starred one: those others, by
    uid."""
    active = sorted((s for s in sessions if not s.cancelled), key=lambda s: s.start)
    clashes: dict[uuid.UUID, list[S]] = {}
    for index, session in enumerate(active):
        for other in active[index + 1 :]:
            if other.start >= session.end:
                break
            clashes.setdefault(session.uid, []).append(other)
            clashes.setdefault(other.uid, []).append(session)
    return clashes


def slots_by_day(sessions: list[T], tz: datetime.tzinfo) -> dict[datetime.date, list[T]]:
    """The sessions grouped by their local start date, in the order given."""
    days: dict[datetime.date, list[T]] = {}
    for session in sessions:
        days.setdefault(timezone.localtime(session.start, tz).date(), []).append(session)
    return days
