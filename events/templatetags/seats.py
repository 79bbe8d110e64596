"""The seat filter: a session's seats (events.attendance.selectors.Seats) from the map the
schedule and session views build, looked up by the session's uid."""

from django import template

from events.attendance.selectors import Seats

register = template.Library()


@register.filter
def seats_of(seats: dict, uid) -> Seats | None:
    """`{% with seat=seats|seats_of:slot.uid %}`: None for a session without sign-up."""
    return seats.get(uid) if seats else None
