"""Reads about attendees: a person's registration and pass, and how many starred each
session."""

import datetime
import uuid

from django.db.models import Count

from events.models import AgendaItem, Conference, Registration, Slot, Submission, SubmissionSpeaker
from members.models import Member
from members.roles import is_organizer
from members.selectors import membership_current


def registration_for(
    *, conference: Conference, user, with_agenda: bool = True
) -> Registration | None:
    """The person's registration for the conference, if any, with its starred sessions
    prefetched unless `with_agenda` is False. None for anonymous visitors, without a query.
    """
    if not user.is_authenticated:
        return None
    registrations = Registration.objects.filter(conference=conference, user=user)
    if with_agenda:
        registrations = registrations.prefetch_related("agenda_items")
    return registrations.first()


def registration_pass_type(*, conference: Conference, user, on: datetime.date) -> tuple[str, str]:
    """The pass a person gets on registering, and the reason in words.

    Organizers attend on a staff pass and speakers of a talk in the program on a speaker
    pass; neither uses up their company's passes. People at a company whose membership on
    that day includes complimentary passes get one while any is left; the passes are counted
    over the conference's registrations with a member pass from the same company. Everyone
    else, including people whose company's passes are all taken, gets a paid pass.
    """
    if is_organizer(user):
        return Registration.PassType.STAFF, "Organizers attend on a staff pass."
    speaks = SubmissionSpeaker.objects.filter(
        member__user=user,
        submission__conference=conference,
        submission__state__in=Submission.SCHEDULABLE_STATES,
    ).exists()
    if speaks:
        return Registration.PassType.SPEAKER, "You speak at the conference: a speaker pass."
    member = Member.objects.select_related("company").filter(user=user).first()
    company = member.company if member is not None else None
    if company is None:
        return (
            Registration.PassType.PAID,
            "You are not linked to a member company, so yours is a paid pass.",
        )
    membership = membership_current(company=company, on=on)
    if membership is None:
        return (
            Registration.PassType.PAID,
            f"{company.name}'s membership is not active, so yours is a paid pass.",
        )
    allowed = membership.tier.conference_passes
    used = Registration.objects.filter(
        conference=conference,
        pass_type=Registration.PassType.MEMBER,
        user__member__company=company,
    ).count()
    if used >= allowed:
        return (
            Registration.PassType.PAID,
            f"All {allowed} complimentary passes of {company.name}'s {membership.tier.name} "
            "membership are taken, so yours is a paid pass.",
        )
    return (
        Registration.PassType.MEMBER,
        f"One of the {allowed} complimentary passes of {company.name}'s "
        f"{membership.tier.name} membership ({allowed - used} left before yours).",
    )


def slot_star_counts(*, conference: Conference) -> dict[uuid.UUID, int]:
    """How many attendees starred each session of the conference, by the session's uid.
    One query."""
    rows = (
        AgendaItem.objects.filter(registration__conference=conference)
        .values("slot_uid")
        .annotate(stars=Count("pk"))
        .order_by()
    )
    return {row["slot_uid"]: row["stars"] for row in rows}


def slot_capacity_warning(*, slot: Slot, stars: int) -> str:
    """A warning, never a refusal: the room seats fewer people than starred the session."""
    room = slot.room
    if room is None or stars <= room.capacity:
        return ""
    return (
        f"{stars} attendees starred “{slot.display_title}” but {room.name} seats {room.capacity}."
    )
