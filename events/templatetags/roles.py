"""Template filters that ask members.roles who someone is, for navigation and pages."""

from django import template

from members import roles

register = template.Library()


@register.filter
def is_reviewer(user) -> bool:
    return roles.is_reviewer(user)


@register.filter
def is_checkin_staff(user) -> bool:
    return roles.is_checkin_staff(user)
