"""Reads about attendees: a person's registration and pass, how many starred each session,
and the seats and waitlists of sessions that require sign-up."""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery

from events.models import (
    AgendaItem,
    Conference,
    Registration,
    SessionSignup,
    Slot,
    Submission,
    SubmissionSpeaker,
)
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


def registration_pass_type(
    *,
    conference: Conference,
    user,
    on: datetime.date,
    excluding: Registration | None = None,
) -> tuple[str, str]:
    """The pass a person gets on registering, and the reason in words.

    Organizers attend on a staff pass and speakers of a talk in the program on a speaker
    pass; neither uses up their company's passes. People at a company whose membership on
    that day includes complimentary passes get one while any is left; the passes are counted
    over the conference's registrations with a member pass from the same company. Everyone
    else, including people whose company's passes are all taken, gets a paid pass.
    `excluding` leaves a registration out of the count: the one being transferred.
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
    counted = Registration.objects.filter(
        conference=conference,
        pass_type=Registration.PassType.MEMBER,
        user__member__company=company,
    )
    if excluding is not None:
        counted = counted.exclude(pk=excluding.pk)
    used = counted.count()
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


def registration_colleagues(*, conference: Conference, company_id: int) -> list[Member]:
    """The people at the company who are not registered for the conference: whom its
    primary contact may transfer a registration to. One query."""
    return list(
        Member.objects.filter(company_id=company_id)
        .exclude(user__registrations__conference=conference)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def company_registrations(*, conference: Conference, user) -> list[Registration] | None:
    """The registrations for the conference of everyone at the company whose primary
    contact `user` is, with their people; None when `user` is no company's primary
    contact. One query, two for a primary contact."""
    if not user.is_authenticated:
        return None
    company_id = (
        Member.objects.filter(user=user, is_primary_contact=True)
        .values_list("company_id", flat=True)
        .first()
    )
    if company_id is None:
        return None
    return list(
        Registration.objects.filter(conference=conference, user__member__company_id=company_id)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )


@dataclass(frozen=True, slots=True)
class Seats:
    """Where a session that requires sign-up stands, for the person looking."""

    capacity: int
    taken: int
    waiting: int
    mine: str = ""  # SessionSignup.State of the person looking, empty if not signed up
    rank: int | None = None  # their place on the waitlist, from 1

    @property
    def left(self) -> int:
        # An organizer may lower the cap below the seats given; those stay given.
        return max(self.capacity - self.taken, 0)

    @property
    def full(self) -> bool:
        return self.left == 0

    @property
    def confirmed(self) -> bool:
        return self.mine == SessionSignup.State.CONFIRMED

    @property
    def waitlisted(self) -> bool:
        return self.mine == SessionSignup.State.WAITLISTED


def signups_with_rank(signups: QuerySet) -> QuerySet:
    """Annotate each sign-up with `rank`: its place on its session's waitlist (from 1) while
    waitlisted. In the same query, whatever the number of sign-ups."""
    ahead = (
        SessionSignup.objects.filter(
            slot_uid=OuterRef("slot_uid"),
            state=SessionSignup.State.WAITLISTED,
            position__lte=OuterRef("position"),
        )
        .order_by()
        .values("slot_uid")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return signups.annotate(rank=Subquery(ahead, output_field=IntegerField()))


def seats_for(*, sessions: Iterable, registration: Registration | None) -> dict[uuid.UUID, Seats]:
    """The seats of each given session that requires sign-up, by uid, with the looking
    person's sign-up and waitlist place. `sessions` are SessionRows or Slots (anything with
    `uid` and `seats`, None for a session without sign-up). Two queries (one without a
    registration) however many sessions; none if no session requires sign-up."""
    capacities = {session.uid: session.seats for session in sessions if session.seats is not None}
    if not capacities:
        return {}
    counts: dict[uuid.UUID, dict[str, int]] = {}
    for slot_uid, state, count in (
        SessionSignup.objects.filter(slot_uid__in=capacities)
        .order_by()
        .values_list("slot_uid", "state")
        .annotate(count=Count("pk"))
    ):
        counts.setdefault(slot_uid, {})[state] = count
    mine: dict[uuid.UUID, tuple[str, int | None]] = {}
    if registration is not None:
        mine = {
            signup.slot_uid: (signup.state, signup.rank if signup.rank else None)
            for signup in signups_with_rank(
                SessionSignup.objects.filter(registration=registration, slot_uid__in=capacities)
            )
        }
    seats = {}
    for uid, capacity in capacities.items():
        state, rank = mine.get(uid, ("", None))
        seats[uid] = Seats(
            capacity=capacity,
            taken=counts.get(uid, {}).get(SessionSignup.State.CONFIRMED, 0),
            waiting=counts.get(uid, {}).get(SessionSignup.State.WAITLISTED, 0),
            mine=state,
            rank=rank if state == SessionSignup.State.WAITLISTED else None,
        )
    return seats
