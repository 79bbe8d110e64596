"""Attendees' writes: registering for a conference, starring and unstarring sessions, the
release an attendee has seen, and the secret token of their personal calendar feed."""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.attendance.selectors import registration_pass_type
from events.models import AgendaItem, Conference, Registration, Schedule, Slot, new_calendar_token
from events.schedule.selectors import schedule_latest_release
from members.models import Member, MemberCompany


def registration_create(
    *, conference: Conference, user: User, now: datetime.datetime | None = None
) -> Registration:
    """Register a person for a conference with the pass their role and company give.

    The pass comes from `events.attendance.selectors.registration_pass_type`: staff for organizers,
    speaker for speakers of a talk in the program, a complimentary member pass while the
    company's tier has any left, else a paid pass (the registration still goes through).
    The company's row is locked while its passes are counted, so two colleagues
    registering at once cannot both take the last pass. Refuses a second registration and
    a conference that is over. Sends no e-mail.
    """
    now = now or timezone.now()
    if now >= conference.closes_at:
        raise ValidationError(f"{conference.name} is over.", code="conference_over")
    with transaction.atomic():
        company_id = Member.objects.filter(user=user).values_list("company_id", flat=True).first()
        if company_id is not None:
            MemberCompany.objects.select_for_update().filter(pk=company_id).first()
        if Registration.objects.filter(conference=conference, user=user).exists():
            raise ValidationError(
                f"You are already registered for {conference.name}.", code="already_registered"
            )
        pass_type, _ = registration_pass_type(
            conference=conference, user=user, on=timezone.localtime(now, conference.tz).date()
        )
        registration = Registration(conference=conference, user=user, pass_type=pass_type)
        registration.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:
            raise ValidationError(
                f"You are already registered for {conference.name}.", code="already_registered"
            ) from error
    return registration


def _agenda_changed(registration: Registration, now: datetime.datetime) -> None:
    # The personal calendar feed's ETag and Last-Modified follow this instant.
    registration.agenda_changed_at = now
    Registration.objects.filter(pk=registration.pk).update(agenda_changed_at=now)


def agenda_star(
    *, registration: Registration, slot_uid, now: datetime.datetime | None = None
) -> AgendaItem:
    """Add a session of the latest release to the attendee's agenda, by its stable uid.

    Starring a starred session changes nothing. A new star moves the registration's
    `agenda_changed_at` to now, which the personal calendar feed uses for its ETag.
    Refuses a session that is not in the latest release, or is cancelled in it.
    """
    now = now or timezone.now()
    release = schedule_latest_release(conference=registration.conference)
    slot = Slot.objects.filter(schedule=release, uid=slot_uid).first() if release else None
    if slot is None:
        raise ValidationError("There is no such session in the agenda.", code="unknown_session")
    if slot.cancelled:
        raise ValidationError(
            "This session has been cancelled and cannot be starred.", code="cancelled"
        )
    with transaction.atomic():
        item, created = AgendaItem.objects.get_or_create(
            registration=registration, slot_uid=slot.uid
        )
        if created:
            _agenda_changed(registration, now)
    return item


def agenda_unstar(
    *, registration: Registration, slot_uid, now: datetime.datetime | None = None
) -> bool:
    """Take a session off the attendee's agenda; True when it was there.

    Works for cancelled sessions too, so an attendee can clear them. A removal moves the
    registration's `agenda_changed_at` to now (the personal feed's ETag).
    """
    now = now or timezone.now()
    with transaction.atomic():
        deleted, _ = AgendaItem.objects.filter(
            registration=registration, slot_uid=slot_uid
        ).delete()
        if deleted:
            _agenda_changed(registration, now)
    return bool(deleted)


def registration_see_release(*, registration: Registration, release: Schedule) -> None:
    """Record that the attendee has seen this release; the banner lists later changes only."""
    if registration.last_seen_release_id != release.pk:
        registration.last_seen_release = release
        registration.save(update_fields=["last_seen_release"])


def registration_calendar_token_regenerate(*, registration: Registration) -> Registration:
    """Give an attendee's personal calendar feed a new secret address.

    The old address answers 404 from now on, so a leaked link stops working; the attendee
    subscribes again with the new one. Writes the one row; sends nothing.
    """
    # No full_clean: the token is the only change and comes from the CSPRNG, valid by
    # construction; the unique constraint still guards the (2**-256) collision.
    registration.calendar_token = new_calendar_token()
    registration.save(update_fields=["calendar_token"])
    return registration
