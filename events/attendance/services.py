"""Attendees' writes: registering for a conference, cancelling and transferring a
registration, starring and unstarring sessions, signing up for sessions with a cap (and their
waitlists), the release an attendee has seen, and the secret token of their personal
calendar feed."""

import datetime
import uuid
from functools import partial

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from audit.services import Action, audit_record
from events.attendance.selectors import registration_pass_type
from events.cfp import emails
from events.cfp.mail import email_send, site_url
from events.models import (
    AgendaItem,
    Conference,
    Registration,
    Schedule,
    SessionSignup,
    SignupSheet,
    Slot,
    new_calendar_token,
)
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


# Sign-ups for sessions with a cap, and their waitlists


def _signup_session(*, conference: Conference, slot_uid) -> Slot | None:
    """The session of the latest release by uid, with its room; None if there is none."""
    release = schedule_latest_release(conference=conference)
    if release is None:
        return None
    return (
        Slot.objects.select_related("room", "submission", "schedule__conference")
        .filter(schedule=release, uid=slot_uid)
        .first()
    )


def _lock_sheet(*, conference: Conference, slot_uid: uuid.UUID) -> SignupSheet:
    """The session's sign-up sheet, created the first time, locked until the transaction
    ends. Every write to the session's sign-ups takes this lock first (see SignupSheet)."""
    SignupSheet.objects.get_or_create(conference=conference, slot_uid=slot_uid)
    return SignupSheet.objects.select_for_update().get(slot_uid=slot_uid)


def _promote(
    *, sheet: SignupSheet, slot: Slot | None, now: datetime.datetime
) -> list[SessionSignup]:
    """Give the free seats of the session to the first people on its waitlist, in order,
    and mail each of them once the transaction commits. Run under the sheet's lock.
    Nobody is promoted for a session that is no longer in the agenda, has been cancelled,
    no longer requires sign-up or has begun."""
    if slot is None or slot.cancelled or slot.seats is None or slot.start <= now:
        return []
    signups = SessionSignup.objects.filter(slot_uid=sheet.slot_uid)
    free = slot.seats - signups.filter(state=SessionSignup.State.CONFIRMED).count()
    if free <= 0:
        return []
    promoted = list(
        signups.filter(state=SessionSignup.State.WAITLISTED)
        .select_related("registration__user", "registration__conference")
        .order_by("position")[:free]
    )
    if not promoted:
        return []
    SessionSignup.objects.filter(pk__in=[signup.pk for signup in promoted]).update(
        state=SessionSignup.State.CONFIRMED, promoted_at=now
    )
    conference = slot.schedule.conference
    link = site_url(None) + reverse("events:session", args=[conference.slug, slot.uid])
    start = timezone.localtime(slot.start, conference.tz)
    for signup in promoted:
        signup.state, signup.promoted_at = SessionSignup.State.CONFIRMED, now
        user = signup.registration.user
        transaction.on_commit(
            partial(
                email_send,
                code=emails.WAITLIST_PROMOTED,
                to=[user.email],
                context={
                    "conference": conference.name,
                    "title": slot.display_title,
                    "attendee_name": user.get_full_name() or user.get_username(),
                    "when": f"{start:%A %d %B, %H:%M} ({conference.timezone})",
                    "link": link,
                },
            )
        )
    return promoted


def signup_join(
    *, registration: Registration, slot_uid, now: datetime.datetime | None = None
) -> SessionSignup:
    """Sign the attendee up for a session of the latest release that requires sign-up.

    They get a seat while confirmed sign-ups are fewer than the session's seats (its cap,
    else its room's capacity); once it is full they join the end of its waitlist instead
    (state `waitlisted`). The session's sign-up sheet is locked while the seats are counted,
    so the cap holds however many sign up at once. Signing up again changes nothing and
    answers the existing sign-up. Refuses an unknown or cancelled session, one that needs
    no sign-up, and one that has begun. Sends no e-mail.
    """
    now = now or timezone.now()
    conference = registration.conference
    slot = _signup_session(conference=conference, slot_uid=slot_uid)
    if slot is None:
        raise ValidationError("There is no such session in the agenda.", code="unknown_session")
    if slot.cancelled:
        raise ValidationError("This session has been cancelled.", code="cancelled")
    seats = slot.seats
    if seats is None:
        raise ValidationError(
            "This session needs no sign-up; star it to put it on your agenda.",
            code="no_signup",
        )
    if slot.start <= now:
        raise ValidationError("This session has begun; sign-up is closed.", code="signup_closed")
    with transaction.atomic():
        sheet = _lock_sheet(conference=conference, slot_uid=slot.uid)
        existing = SessionSignup.objects.filter(
            registration=registration, slot_uid=slot.uid
        ).first()
        if existing is not None:
            return existing
        taken = SessionSignup.objects.filter(
            slot_uid=slot.uid, state=SessionSignup.State.CONFIRMED
        ).count()
        sheet.last_position += 1
        sheet.save(update_fields=["last_position"])
        signup = SessionSignup(
            registration=registration,
            slot_uid=slot.uid,
            state=SessionSignup.State.CONFIRMED
            if taken < seats
            else SessionSignup.State.WAITLISTED,
            position=sheet.last_position,
        )
        signup.full_clean(validate_constraints=False)
        signup.save()
    return signup


def signups_promote(*, release: Schedule, now: datetime.datetime | None = None) -> int:
    """Give the seats a release added (a raised cap, a bigger room) to the people waiting,
    in order, mailing each as `signup_leave` does; returns how many got a seat. Called by
    `events.schedule.services.schedule_release` in its transaction. One lock and a few
    queries per session with a waitlist, none for the others.
    """
    now = now or timezone.now()
    waiting = set(
        SessionSignup.objects.filter(
            registration__conference_id=release.conference_id,
            state=SessionSignup.State.WAITLISTED,
        ).values_list("slot_uid", flat=True)
    )
    sessions = (
        Slot.objects.select_related("room", "submission", "schedule__conference")
        .filter(schedule=release, signup_required=True, uid__in=waiting)
        .order_by("uid")
    )
    promoted = 0
    for slot in sessions:
        sheet = _lock_sheet(conference=release.conference, slot_uid=slot.uid)
        promoted += len(_promote(sheet=sheet, slot=slot, now=now))
    return promoted


def _leave(
    *, registration: Registration, slot_uid: uuid.UUID, now: datetime.datetime
) -> SessionSignup | None:
    # The caller holds a transaction; the sheet's lock is taken before the sign-up is read.
    if not SignupSheet.objects.filter(slot_uid=slot_uid).exists():
        return None
    sheet = _lock_sheet(conference=registration.conference, slot_uid=slot_uid)
    signup = SessionSignup.objects.filter(registration=registration, slot_uid=slot_uid).first()
    if signup is None:
        return None
    signup.delete()
    if signup.state == SessionSignup.State.CONFIRMED:
        slot = _signup_session(conference=registration.conference, slot_uid=slot_uid)
        _promote(sheet=sheet, slot=slot, now=now)
    return signup


def signup_leave(
    *, registration: Registration, slot_uid, now: datetime.datetime | None = None
) -> bool:
    """Give up the attendee's seat at a session, or their place on its waitlist; True when
    they had one.

    A seat given up goes, in the same transaction, to the first person on the waitlist
    (if the session has not begun), who is mailed once it commits
    (events.cfp.emails.WAITLIST_PROMOTED, through events.cfp.mail.email_send).
    """
    now = now or timezone.now()
    with transaction.atomic():
        return _leave(registration=registration, slot_uid=slot_uid, now=now) is not None


def _drop_signups(*, registration: Registration, now: datetime.datetime) -> None:
    # In uid order, so that two cancellations lock the sheets they share in the same order.
    uids = sorted(
        SessionSignup.objects.filter(registration=registration).values_list("slot_uid", flat=True)
    )
    for slot_uid in uids:
        _leave(registration=registration, slot_uid=slot_uid, now=now)


def registration_cancel(
    *, registration: Registration, actor: User, now: datetime.datetime | None = None
) -> None:
    """Cancel an attendee's own registration, with an audit entry.

    Their seats go to the first people on the waitlists (mailed as in `signup_leave`), their
    places on waitlists, stars and personal calendar feed go with the registration. A
    complimentary member pass becomes free for a colleague. Refuses anyone but the
    registered person (code `not_allowed`) and a conference that is over. One transaction.
    """
    now = now or timezone.now()
    conference = registration.conference
    if actor.pk != registration.user_id:
        raise ValidationError(
            "Only the registered person may cancel a registration.", code="not_allowed"
        )
    if now >= conference.closes_at:
        raise ValidationError(f"{conference.name} is over.", code="conference_over")
    with transaction.atomic():
        _drop_signups(registration=registration, now=now)
        audit_record(
            actor=actor,
            action=Action.REGISTRATION_CANCELLED,
            target=registration,
            details={"conference": conference.slug, "pass_type": registration.pass_type},
        )
        registration.delete()


def _member_error(message: str, *, code: str) -> ValidationError:
    # At the field that names the new holder, with a code the API answers with.
    return ValidationError({"member": ValidationError(message, code=code)})


def registration_transfer(
    *,
    registration: Registration,
    to_member: Member,
    actor: User,
    now: datetime.datetime | None = None,
) -> Registration:
    """Give a colleague's registration to another colleague: the company's primary contact
    hands on a pass of someone who cannot come.

    The registration must be of someone at the primary contact's company, and the new
    holder a person at the same company who is not registered. The new holder gets the pass
    registering would give them (`registration_pass_type`), counting the company's
    complimentary passes without the one transferred; a complimentary pass (member, speaker
    or staff) that would turn into a paid one is refused (code `no_pass_left`), so a
    transfer never takes the company beyond its tier's passes. The old holder's seats go to
    the waitlists (mailed as in `signup_leave`); their stars and calendar feed go with
    them. The company's row is locked as in `registration_create`. Writes an audit entry
    naming both people; one transaction; sends no other e-mail.
    """
    now = now or timezone.now()
    conference = registration.conference
    primary = Member.objects.filter(user=actor, is_primary_contact=True).first()
    company_id = primary.company_id if primary is not None else None
    holder = Member.objects.filter(user_id=registration.user_id).first()
    if company_id is None or holder is None or holder.company_id != company_id:
        raise ValidationError(
            "Only the primary contact of the registered person's company may transfer "
            "their registration.",
            code="not_allowed",
        )
    if to_member.company_id != company_id:
        raise _member_error("Choose a colleague at your company.", code="not_colleague")
    if to_member.user_id == registration.user_id:
        raise _member_error("The registration is already theirs.", code="same_person")
    if now >= conference.closes_at:
        raise ValidationError(f"{conference.name} is over.", code="conference_over")
    with transaction.atomic():
        MemberCompany.objects.select_for_update().filter(pk=company_id).first()
        if Registration.objects.filter(conference=conference, user_id=to_member.user_id).exists():
            raise _member_error(
                f"{to_member.name} is already registered for {conference.name}.",
                code="already_registered",
            )
        to_user = to_member.user
        pass_type, reason = registration_pass_type(
            conference=conference,
            user=to_user,
            on=timezone.localtime(now, conference.tz).date(),
            excluding=registration,
        )
        if (
            pass_type == Registration.PassType.PAID
            and registration.pass_type != Registration.PassType.PAID
        ):
            raise _member_error(
                f"{reason.removesuffix(', so yours is a paid pass.')}: the "
                f"{registration.get_pass_type_display().lower()} cannot go to "
                f"{to_member.name}.",
                code="no_pass_left",
            )
        _drop_signups(registration=registration, now=now)
        audit_record(
            actor=actor,
            action=Action.REGISTRATION_TRANSFERRED,
            target=registration,
            details={
                "conference": conference.slug,
                "from": registration.user.get_username(),
                "to": to_user.get_username(),
                "from_pass": registration.pass_type,
                "to_pass": pass_type,
            },
        )
        registration.delete()
        transferred = Registration(conference=conference, user=to_user, pass_type=pass_type)
        transferred.full_clean(validate_constraints=False)
        transferred.save()
    return transferred
