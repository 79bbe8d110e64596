"""Co-speakers: naming them on a proposal, and the signed invitation links through which the
person at each named address joins a talk as its co-speaker.

Nobody becomes a speaker by being named: a speaker's name, company and the review's
conflict-of-interest rule follow only from an invitation its addressee accepted, logged in
with that address, while the proposal could still be edited.
"""

import datetime
from collections.abc import Iterable
from functools import partial

from django.contrib.auth.models import User
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from events.cfp import emails
from events.cfp.mail import email_send, site_url
from events.models import Submission, SubmissionInvitation, SubmissionSpeaker
from members.models import Member
from members.services.people import member_create_guest

# Speakers edit their proposals while the call is open and nobody has decided on them.
EDITABLE_STATES = (Submission.State.DRAFT, Submission.State.SUBMITTED)


MAX_CO_SPEAKERS = 4


INVITATION_MAX_AGE = datetime.timedelta(days=14)


_INVITATION_SALT = "events.submission-invitation"


def check_speaker_may_edit(*, submission: Submission, actor: User, now: datetime.datetime) -> None:
    if not (
        actor.is_authenticated
        and SubmissionSpeaker.objects.filter(submission=submission, member__user=actor).exists()
    ):
        raise ValidationError("Only the speakers may edit this submission.", code="not_allowed")
    if submission.state not in EDITABLE_STATES:
        raise ValidationError(
            f"A {submission.get_state_display().lower()} submission can no longer be edited.",
            code="not_editable",
        )
    conference = submission.conference
    if conference.cfp_state(now) != "open":
        raise ValidationError(
            f"The call for papers for {conference.name} has closed; "
            "submissions can no longer be edited.",
            code="cfp_closed",
        )


def _normalise_emails(addresses: Iterable[str]) -> list[str]:
    seen: list[str] = []
    bad = []
    for raw in addresses:
        address = raw.strip().lower()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            bad.append(raw.strip())
            continue
        if address not in seen:
            seen.append(address)
    if bad:
        raise ValidationError(
            {"co_speakers": f"Not an e-mail address: {', '.join(bad)}."}, code="invalid_email"
        )
    return seen


def submission_set_co_speakers(
    *,
    submission: Submission,
    emails: Iterable[str],
    actor: User,
    now: datetime.datetime | None = None,
    base_url: str | None = None,
) -> list[SubmissionInvitation]:
    """Make the co-speakers the people at these e-mail addresses.

    Every listed address that is not a speaker's yet gets an invitation (one open
    invitation per address; an expired one is replaced), whether or not it has an account:
    nobody is made a speaker without accepting, so naming a member shows nothing about
    them and changes no review. Co-speakers and open invitations whose address is no
    longer listed are removed; the primary speaker's own address is ignored. Co-speakers
    need no membership: only the submitting person's company must allow talks. Refuses
    more than MAX_CO_SPEAKERS, and anyone who may not edit the proposal now (see
    submission_update). Returns the invitations made; they are e-mailed (template
    "co_speaker_invitation") once the transaction commits.
    """
    now = now or timezone.now()
    wanted = _normalise_emails(emails)
    with transaction.atomic():
        locked = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("conference")
            .get(pk=submission.pk)
        )
        check_speaker_may_edit(submission=locked, actor=actor, now=now)
        roles = list(
            SubmissionSpeaker.objects.filter(submission=locked).select_related("member__user")
        )
        primary = next((role for role in roles if role.is_primary), None)
        if primary is not None:
            wanted = [a for a in wanted if a != primary.member.user.email.lower()]
        if len(wanted) > MAX_CO_SPEAKERS:
            raise ValidationError(
                {"co_speakers": f"A proposal has at most {MAX_CO_SPEAKERS} co-speakers."},
                code="too_many",
            )
        co_roles = [role for role in roles if not role.is_primary]
        kept = {role.member.user.email.lower(): role for role in co_roles}
        SubmissionSpeaker.objects.filter(
            pk__in=[role.pk for email, role in kept.items() if email not in wanted]
        ).delete()
        open_invitations = {
            invitation.email: invitation
            for invitation in locked.invitations.filter(accepted_at__isnull=True)
        }
        stale = [
            invitation.pk
            for email, invitation in open_invitations.items()
            if email not in wanted or invitation.created_at + INVITATION_MAX_AGE <= now
        ]
        SubmissionInvitation.objects.filter(pk__in=stale).delete()
        open_emails = {email for email, inv in open_invitations.items() if inv.pk not in stale}
        invitations = [
            SubmissionInvitation(submission=locked, email=email, invited_by=actor)
            for email in wanted
            if email not in kept and email not in open_emails
        ]
        for invitation in invitations:
            invitation.save()
        inviter = actor.get_full_name() or actor.get_username()
        for invitation in invitations:
            transaction.on_commit(
                partial(
                    _email_invitation,
                    invitation=invitation,
                    submission=locked,
                    inviter=inviter,
                    base_url=base_url,
                )
            )
    return invitations


def invitation_token(*, invitation: SubmissionInvitation) -> str:
    """The secret part of the invitation's link: its id, signed with SECRET_KEY."""
    return signing.dumps(invitation.pk, salt=_INVITATION_SALT)


def invitation_url(*, invitation: SubmissionInvitation, base_url: str | None = None) -> str:
    path = reverse("events:invitation", args=[invitation_token(invitation=invitation)])
    return site_url(base_url) + path


def _email_invitation(
    *,
    invitation: SubmissionInvitation,
    submission: Submission,
    inviter: str,
    base_url: str | None,
) -> None:
    expires = timezone.localtime(
        invitation.created_at + INVITATION_MAX_AGE, submission.conference.tz
    )
    email_send(
        code=emails.CO_SPEAKER_INVITATION,
        to=[invitation.email],
        context={
            "conference": submission.conference.name,
            "title": submission.title,
            "inviter_name": inviter,
            "link": invitation_url(invitation=invitation, base_url=base_url),
            "expires": f"{expires:%d %B %Y}",
        },
    )


def _refuse_closed(*, submission: Submission, now: datetime.datetime) -> None:
    """Refuse an invitation to a proposal its speakers can no longer edit: a co-speaker
    joins only while the talk may still change (see check_speaker_may_edit)."""
    if submission.state in (Submission.State.WITHDRAWN, Submission.State.REJECTED):
        raise ValidationError(
            f"This proposal is {submission.get_state_display().lower()}.", code="closed"
        )
    if submission.state not in EDITABLE_STATES:
        raise ValidationError(
            f"This proposal is {submission.get_state_display().lower()}; it can no longer "
            "take co-speakers.",
            code="closed",
        )
    if submission.conference.cfp_state(now) != "open":
        raise ValidationError(
            f"The call for papers for {submission.conference.name} has closed; this proposal "
            "can no longer take co-speakers.",
            code="closed",
        )


def invitation_from_token(
    *, token: str, now: datetime.datetime | None = None
) -> SubmissionInvitation:
    """The open invitation a link names, or ValidationError saying why the link is no good:
    not ours or altered ("invalid"), withdrawn, revoked or replaced ("invalid"), used
    ("used"), older than INVITATION_MAX_AGE ("expired"), or its proposal no longer editable:
    decided, withdrawn or rejected, or its call for papers closed ("closed")."""
    now = now or timezone.now()
    try:
        invitation_id = signing.loads(token, salt=_INVITATION_SALT)
    except signing.BadSignature as error:
        raise ValidationError("This invitation link is not valid.", code="invalid") from error
    invitation = (
        SubmissionInvitation.objects.select_related("submission__conference", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        raise ValidationError(
            "This invitation has been withdrawn or replaced by a newer one.", code="invalid"
        )
    if invitation.accepted_at is not None:
        raise ValidationError("This invitation has already been used.", code="used")
    if invitation.created_at + INVITATION_MAX_AGE <= now:
        raise ValidationError(
            "This invitation has expired. Ask the speaker who invited you to send a new one.",
            code="expired",
        )
    _refuse_closed(submission=invitation.submission, now=now)
    return invitation


def check_invitation_address(*, invitation: SubmissionInvitation, user: User) -> None:
    """Refuse (code "wrong_address") an account whose e-mail address is not the invited
    one, compared case-insensitively: the link is the invitee's, not its holder's.

    Accounts are made only for addresses their owners proved by e-mail (members' sign-up,
    colleague and co-speaker invitations), so the account's address is a verified one.
    """
    address = (user.email or "").strip().casefold()
    if not address or address != invitation.email.strip().casefold():
        raise ValidationError(
            f"This invitation was sent to {invitation.email}, and you are logged in as "
            f"{user.email or user.get_username()}. Log out, then log in or sign up with "
            f"{invitation.email} to accept it.",
            code="wrong_address",
        )


def invitation_accept(
    *, token: str, user: User, now: datetime.datetime | None = None
) -> SubmissionSpeaker:
    """Use an invitation link: the user becomes a co-speaker of its proposal.

    Only the account of the invited address may accept (check_invitation_address), and
    only while the proposal can be edited. A user without a member profile gets a guest
    one (no company). The proposal and the invitation rows are locked and the invitation
    marked used, so a link works once even when clicked twice and never after a decision
    that happens meanwhile. Refuses what invitation_from_token refuses, another account's
    address, and a user already speaking on the proposal. Sends no e-mail.
    """
    now = now or timezone.now()
    with transaction.atomic():
        invitation = invitation_from_token(token=token, now=now)
        submission = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("conference")
            .get(pk=invitation.submission_id)
        )
        invitation = SubmissionInvitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise ValidationError("This invitation has already been used.", code="used")
        _refuse_closed(submission=submission, now=now)
        check_invitation_address(invitation=invitation, user=user)
        member = Member.objects.filter(user=user).first()
        if member is None:
            member = Member(user=user)
            member.full_clean()
            member.save()
        if SubmissionSpeaker.objects.filter(submission=submission, member=member).exists():
            raise ValidationError("You already speak on this proposal.", code="already_speaker")
        order = (
            SubmissionSpeaker.objects.filter(submission=submission)
            .order_by("-order")
            .values_list("order", flat=True)
            .first()
            or 0
        )
        role = SubmissionSpeaker.objects.create(
            submission=submission, member=member, order=order + 1
        )
        invitation.accepted_at = now
        invitation.accepted_by = member
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return role


def invitation_revoke(*, invitation: SubmissionInvitation, actor: User) -> None:
    """Withdraw an open co-speaker invitation, as the proposal's primary speaker: the row
    is deleted, so its link answers "withdrawn" from then on. Refuses (code "not_allowed")
    anyone else, and (code "used") an invitation already accepted: that co-speaker is
    removed by editing the proposal's co-speakers. Sends no e-mail."""
    with transaction.atomic():
        locked = SubmissionInvitation.objects.select_for_update().filter(pk=invitation.pk).first()
        if locked is None:
            return
        is_primary = (
            actor.is_authenticated
            and SubmissionSpeaker.objects.filter(
                submission_id=locked.submission_id, member__user=actor, is_primary=True
            ).exists()
        )
        if not is_primary:
            raise ValidationError(
                "Only the primary speaker may withdraw an invitation.", code="not_allowed"
            )
        if locked.accepted_at is not None:
            raise ValidationError(
                "This invitation has already been accepted; remove the co-speaker from the "
                "proposal instead.",
                code="used",
            )
        locked.delete()


def invitation_accept_with_signup(
    *,
    token: str,
    first_name: str,
    last_name: str,
    password: str,
    now: datetime.datetime | None = None,
) -> User:
    """Create an account for the invited address and accept the invitation with it.

    The account's username and e-mail are the invited address; it gets a guest member
    profile (members.services.people.member_create_guest). Refuses an address that already has an
    account (its owner logs in instead), a password Django's validators reject, and what
    invitation_accept refuses; nothing is created then.
    """
    now = now or timezone.now()
    with transaction.atomic():
        invitation = invitation_from_token(token=token, now=now)
        member = member_create_guest(
            email=invitation.email, first_name=first_name, last_name=last_name, password=password
        )
        invitation_accept(token=token, user=member.user, now=now)
    return member.user
