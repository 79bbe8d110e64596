"""The roles people hold, as Django groups, and how to tell who holds which.

Organizers run the group in the admin; the program committee reviews submissions. Both are
plain auth groups so that organizers can grant them in the admin without code.
"""

from django.contrib.auth.models import AnonymousUser, User

ORGANIZERS = "Organizers"
PROGRAM_COMMITTEE = "Program committee"


def _in_group(user: User | AnonymousUser, name: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    # Reading the groups once per user object keeps role checks in loops free of queries.
    names = getattr(user, "_guildhall_group_names", None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        user.__dict__["_guildhall_group_names"] = names
    return name in names


def is_organizer(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser) or _in_group(
        user, ORGANIZERS
    )


def is_reviewer(user: User | AnonymousUser) -> bool:
    return _in_group(user, PROGRAM_COMMITTEE)


CHECKIN_STAFF = "Check-in staff"


def is_checkin_staff(user: User | AnonymousUser) -> bool:
    """People at the door: organizers and the Check-in staff group (volunteers, who get no
    admin access)."""
    return is_organizer(user) or _in_group(user, CHECKIN_STAFF)
