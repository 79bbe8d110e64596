"""Writes and workflows for conferences: the call for papers (submissions, co-speaker
invitations, the state machine and its e-mails), reviews, the scheduling rule and schedule
releases.

Every writer (forms, admin, API, management commands) calls these functions, so each rule
lives here once.
"""

import datetime
import uuid
from collections.abc import Iterable, Sequence
from functools import partial

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from audit.services import Action, audit_record, audit_submission_transition
from events import emails
from events.models import (
    AgendaItem,
    Conference,
    EmailTemplate,
    Registration,
    Review,
    Room,
    Schedule,
    SessionFormat,
    Slot,
    Submission,
    SubmissionInvitation,
    SubmissionSpeaker,
    SubmissionTransition,
    Track,
    new_calendar_token,
)
from events.selectors import registration_pass_type, schedule_latest_release
from members.models import CaseStudy, Member, MemberCompany
from members.roles import is_organizer, is_reviewer
from members.selectors import member_submission_refusal
from members.services import member_create_guest

State = Submission.State

SPEAKER = "speaker"
ORGANIZER = "organizer"

# (from, to) -> who may make the move. Anything not listed is refused.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (State.DRAFT, State.SUBMITTED): frozenset({SPEAKER}),
    (State.DRAFT, State.WITHDRAWN): frozenset({SPEAKER, ORGANIZER}),
    (State.SUBMITTED, State.WITHDRAWN): frozenset({SPEAKER, ORGANIZER}),
    (State.SUBMITTED, State.ACCEPTED): frozenset({ORGANIZER}),
    (State.SUBMITTED, State.REJECTED): frozenset({ORGANIZER}),
    (State.ACCEPTED, State.CONFIRMED): frozenset({SPEAKER}),
    (State.ACCEPTED, State.WITHDRAWN): frozenset({SPEAKER, ORGANIZER}),
    (State.CONFIRMED, State.WITHDRAWN): frozenset({SPEAKER, ORGANIZER}),
}


def _submission_roles(*, submission: Submission, actor: AbstractBaseUser) -> set[str]:
    roles = set()
    if is_organizer(actor):
        roles.add(ORGANIZER)
    if actor.is_authenticated and submission.speakers.filter(user=actor).exists():
        roles.add(SPEAKER)
    return roles


# Speakers edit their proposals while the call is open and nobody has decided on them.
EDITABLE_STATES = (State.DRAFT, State.SUBMITTED)
MAX_CO_SPEAKERS = 4
INVITATION_MAX_AGE = datetime.timedelta(days=14)
_INVITATION_SALT = "events.submission-invitation"

# The e-mail each state change sends to the speakers, if any.
TRANSITION_EMAILS = {
    State.SUBMITTED: emails.SUBMISSION_RECEIVED,
    State.ACCEPTED: emails.SUBMISSION_ACCEPTED,
    State.REJECTED: emails.SUBMISSION_REJECTED,
}


def _site_url(base_url: str | None) -> str:
    return (base_url or settings.SITE_URL).rstrip("/")


def _local_deadline(conference: Conference) -> str:
    if conference.cfp_closes_at is None:
        return "not announced"
    moment = timezone.localtime(conference.cfp_closes_at, conference.tz)
    return f"{moment:%A %d %B %Y, %H:%M} ({conference.timezone})"


# E-mail


def email_templates_ensure() -> None:
    """Create the shipped wording of every e-mail that has no template yet; change nothing
    an organizer edited. Runs after every migrate and before any mail is sent."""
    existing = set(EmailTemplate.objects.values_list("code", flat=True))
    EmailTemplate.objects.bulk_create(
        [
            EmailTemplate(code=code, subject=subject, body=body)
            for code, (subject, body) in emails.DEFAULTS.items()
            if code not in existing
        ],
        ignore_conflicts=True,
    )


def email_send(*, code: str, to: Sequence[str], context: dict[str, str]) -> int:
    """Send the organizers' template `code`, filled with the context, to each address.

    One plain-text message per address through Django's e-mail API (EMAIL_BACKEND); empty
    addresses are skipped. Returns the number of messages sent. Sends mail.
    """
    template = EmailTemplate.objects.filter(code=code).first()
    if template is None:
        email_templates_ensure()
        template = EmailTemplate.objects.get(code=code)
    context = {"site_name": settings.SITE_NAME, **context}
    # A subject is one header line whatever an organizer or a speaker typed.
    subject = " ".join(emails.fill(template.subject, context).split())
    body = emails.fill(template.body, context)
    messages = [EmailMessage(subject, body, to=[address]) for address in to if address]
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages)


def _email_speakers(*, submission_id: int, code: str, link: str) -> int:
    submission = (
        Submission.objects.select_related("conference").with_speakers().get(pk=submission_id)
    )
    sent = 0
    for role in submission.submission_speakers.all():
        sent += email_send(
            code=code,
            to=[role.member.user.email],
            context={
                "conference": submission.conference.name,
                "title": submission.title,
                "speaker_name": role.member.name,
                "link": link,
                "deadline": _local_deadline(submission.conference),
            },
        )
    return sent


def submission_transition(
    *,
    submission: Submission,
    to_state: str,
    actor: AbstractBaseUser,
    note: str = "",
    now: datetime.datetime | None = None,
    notify: bool = True,
    base_url: str | None = None,
) -> Submission:
    """Move a submission to another state, if the actor may make that move now.

    The one gate for every state change. It locks the row, so two clicks make one change,
    and records the change as a SubmissionTransition. A talk withdrawn or rejected leaves
    the working schedule (its slot is deleted). Raises ValidationError (with a code)
    when the move is not in the machine, the actor's role does not allow it, the call for
    papers is closed, the speaker's company may not submit talks, or a speaker withdraws
    after the schedule was released. Withdrawing cancels the open co-speaker invitations.

    With `notify` (the default), once the transaction commits it e-mails every speaker
    the template of TRANSITION_EMAILS for the new state (received, accepted, rejected),
    linking to their submissions under `base_url` (default settings.SITE_URL).
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("conference")
            .get(pk=submission.pk)
        )
        from_state = locked.state
        allowed = TRANSITIONS.get((from_state, to_state))
        if allowed is None:
            raise ValidationError(
                f"A {State(from_state).label.lower()} submission cannot become "
                f"{State(to_state).label.lower() if to_state in State.values else to_state}.",
                code="invalid_transition",
            )
        roles = _submission_roles(submission=locked, actor=actor)
        if not roles & allowed:
            who = " or ".join(sorted(allowed))
            raise ValidationError(
                f"Only the {who} may make this submission {State(to_state).label.lower()}.",
                code="not_allowed",
            )
        acting_as_speaker = SPEAKER in roles and ORGANIZER not in roles
        if to_state == State.SUBMITTED:
            conference = locked.conference
            cfp_state = conference.cfp_state(now)
            if cfp_state != "open":
                raise ValidationError(
                    f"The call for papers for {conference.name} "
                    f"{'is closed' if cfp_state == 'closed' else 'is not open yet'}.",
                    code="cfp_closed",
                )
            member = Member.objects.select_related("company").filter(user=actor).first()
            refusal = member_submission_refusal(
                member=member, on=timezone.localtime(now, conference.tz).date()
            )
            if refusal:
                raise ValidationError(refusal, code="not_eligible")
            locked.submitted_at = now
        if (
            to_state == State.WITHDRAWN
            and acting_as_speaker
            and from_state in (State.ACCEPTED, State.CONFIRMED)
            and Schedule.objects.released().filter(conference_id=locked.conference_id).exists()
        ):
            raise ValidationError(
                "The schedule has been released; ask the organizers to withdraw this talk.",
                code="schedule_released",
            )
        locked.state = to_state
        locked.save(update_fields=["state", "submitted_at", "updated_at"])
        if to_state in (State.WITHDRAWN, State.REJECTED):
            # A talk that leaves the program leaves the working copy too, freeing its room
            # and speakers; the next release lists it as cancelled.
            Slot.objects.filter(schedule__version="", submission=locked).delete()
        if to_state in (State.WITHDRAWN, State.REJECTED):
            locked.invitations.filter(accepted_at__isnull=True).delete()
        SubmissionTransition.objects.create(
            submission=locked, from_state=from_state, to_state=to_state, actor=actor, note=note
        )
        if ORGANIZER in roles:
            audit_submission_transition(actor=actor, submission=locked, from_state=from_state)
        if notify and to_state in TRANSITION_EMAILS:
            link = _site_url(base_url) + reverse("events:my_submissions")
            transaction.on_commit(
                partial(
                    _email_speakers,
                    submission_id=locked.pk,
                    code=TRANSITION_EMAILS[to_state],
                    link=link,
                )
            )
    submission.state = locked.state
    submission.submitted_at = locked.submitted_at
    return locked


def _check_cfp_open(conference: Conference, now: datetime.datetime) -> None:
    cfp_state = conference.cfp_state(now)
    if cfp_state != "open":
        raise ValidationError(
            f"The call for papers for {conference.name} "
            f"{'is closed' if cfp_state == 'closed' else 'is not open yet'}.",
            code="cfp_closed",
        )


def _check_proposal_fields(
    *,
    conference: Conference,
    speaker: Member,
    session_format: SessionFormat | None,
    track: Track | None,
    case_study: CaseStudy | None,
) -> None:
    errors = {}
    if session_format is not None and session_format.conference_id != conference.pk:
        errors["format"] = "This format belongs to another conference."
    if track is not None and track.conference_id != conference.pk:
        errors["track"] = "This track belongs to another conference."
    if case_study is not None and (
        speaker.company_id is None or case_study.company_id != speaker.company_id
    ):
        errors["case_study"] = "Choose one of your own company's case studies."
    if errors:
        raise ValidationError(errors)


def submission_create(
    *,
    conference: Conference,
    speaker: Member,
    title: str,
    abstract: str,
    session_format: SessionFormat,
    track: Track | None = None,
    audience_level: str = Submission.AudienceLevel.INTERMEDIATE,
    outline: str = "",
    notes: str = "",
    case_study: CaseStudy | None = None,
    co_speakers: Iterable[Member] = (),
    co_speaker_emails: Iterable[str] | None = None,
    creation_key: uuid.UUID | None = None,
    now: datetime.datetime | None = None,
    base_url: str | None = None,
) -> Submission:
    """Create a draft with its primary speaker and any co-speakers.

    Refuses (ValidationError) when the call for papers is not open at `now`, when the
    speaker may not submit talks (members.selectors.member_submission_refusal: the
    submitting person's company must be active in a tier with talks; co-speakers may come
    from anywhere), and a format, track or case study that is not the conference's or the
    speaker's company's. `co_speaker_emails` goes through submission_set_co_speakers in the
    same transaction (invitations are e-mailed after commit). A second call with the same
    `creation_key` (a double click on the form) returns the first call's draft.
    """
    now = now or timezone.now()
    if creation_key is not None:
        earlier = Submission.objects.filter(creation_key=creation_key).first()
        if earlier is not None:
            if earlier.submission_speakers.filter(member=speaker).exists():
                return earlier
            raise ValidationError(
                "This form has already been used. Open a new one.", code="form_used"
            )
    _check_cfp_open(conference, now)
    refusal = member_submission_refusal(
        member=speaker, on=timezone.localtime(now, conference.tz).date()
    )
    if refusal:
        raise ValidationError(refusal, code="not_eligible")
    _check_proposal_fields(
        conference=conference,
        speaker=speaker,
        session_format=session_format,
        track=track,
        case_study=case_study,
    )
    submission = Submission(
        conference=conference,
        title=title,
        abstract=abstract,
        format=session_format,
        track=track,
        audience_level=audience_level,
        outline=outline,
        notes=notes,
        case_study=case_study,
        creation_key=creation_key,
    )
    submission.full_clean()
    try:
        with transaction.atomic():
            submission.save()
            speakers = [SubmissionSpeaker(submission=submission, member=speaker, is_primary=True)]
            seen = {speaker.pk}
            for member in co_speakers:
                if member.pk not in seen:
                    seen.add(member.pk)
                    speakers.append(
                        SubmissionSpeaker(submission=submission, member=member, order=len(speakers))
                    )
            SubmissionSpeaker.objects.bulk_create(speakers)
            if co_speaker_emails is not None:
                submission_set_co_speakers(
                    submission=submission,
                    emails=co_speaker_emails,
                    actor=speaker.user,
                    now=now,
                    base_url=base_url,
                )
    except IntegrityError:
        if creation_key is None:
            raise
        # The same form arrived twice at once: the other request created the draft.
        earlier = Submission.objects.filter(
            creation_key=creation_key, submission_speakers__member=speaker
        ).first()
        if earlier is None:
            raise ValidationError(
                "This form has already been used. Open a new one.", code="form_used"
            ) from None
        return earlier
    return submission


def _check_speaker_may_edit(
    *, submission: Submission, actor: AbstractBaseUser, now: datetime.datetime
) -> None:
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


def submission_update(
    *,
    submission: Submission,
    actor: AbstractBaseUser,
    title: str,
    abstract: str,
    session_format: SessionFormat,
    track: Track | None = None,
    audience_level: str = Submission.AudienceLevel.INTERMEDIATE,
    outline: str = "",
    notes: str = "",
    case_study: CaseStudy | None = None,
    co_speaker_emails: Iterable[str] | None = None,
    now: datetime.datetime | None = None,
    base_url: str | None = None,
) -> Submission:
    """Change a proposal's text and details, as one of its speakers.

    Speakers edit drafts and submitted proposals until the call for papers closes (server
    time); a decided or withdrawn one stays as it is. Organizers change proposals in the
    admin. Refuses (ValidationError) anyone who is not a speaker, another state, a closed
    call, and a format, track or case study that is not the conference's or the primary
    speaker's company's. The row is locked while it changes. With `co_speaker_emails`, runs
    submission_set_co_speakers in the same transaction (which may e-mail invitations).
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("conference")
            .get(pk=submission.pk)
        )
        _check_speaker_may_edit(submission=locked, actor=actor, now=now)
        primary = (
            Member.objects.filter(speaker_roles__submission=locked, speaker_roles__is_primary=True)
            .select_related("user")
            .first()
        )
        _check_proposal_fields(
            conference=locked.conference,
            speaker=primary or Member(),
            session_format=session_format,
            track=track,
            case_study=case_study,
        )
        locked.title = title
        locked.abstract = abstract
        locked.format = session_format
        locked.track = track
        locked.audience_level = audience_level
        locked.outline = outline
        locked.notes = notes
        locked.case_study = case_study
        locked.full_clean()
        locked.save()
        if co_speaker_emails is not None:
            submission_set_co_speakers(
                submission=locked,
                emails=co_speaker_emails,
                actor=actor,
                now=now,
                base_url=base_url,
            )
    return locked


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
    actor: AbstractBaseUser,
    now: datetime.datetime | None = None,
    base_url: str | None = None,
) -> list[SubmissionInvitation]:
    """Make the co-speakers the people at these e-mail addresses.

    A member whose account has the address is linked at once; any other address gets an
    invitation (one open invitation per address; an expired one is replaced). Co-speakers
    and open invitations whose address is no longer listed are removed; the primary
    speaker's own address is ignored. Co-speakers need no membership: only the submitting
    person's company must allow talks. Refuses more than MAX_CO_SPEAKERS, and anyone who
    may not edit the proposal now (see submission_update). Returns the invitations made;
    they are e-mailed (template "co_speaker_invitation") once the transaction commits.
    """
    now = now or timezone.now()
    wanted = _normalise_emails(emails)
    with transaction.atomic():
        locked = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("conference")
            .get(pk=submission.pk)
        )
        _check_speaker_may_edit(submission=locked, actor=actor, now=now)
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
        new = [email for email in wanted if email not in kept and email not in open_emails]
        members = {
            member.user.email.lower(): member
            for member in Member.objects.select_related("user").filter(user__email__in=new)
            if member.user.is_active
        }
        order = max((role.order for role in roles), default=0)
        speakers, invitations = [], []
        for email in new:
            if email in members:
                order += 1
                speakers.append(
                    SubmissionSpeaker(submission=locked, member=members[email], order=order)
                )
            else:
                invitations.append(
                    SubmissionInvitation(submission=locked, email=email, invited_by=actor)
                )
        SubmissionSpeaker.objects.bulk_create(speakers)
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
    return _site_url(base_url) + path


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


def invitation_from_token(
    *, token: str, now: datetime.datetime | None = None
) -> SubmissionInvitation:
    """The open invitation a link names, or ValidationError saying why the link is no good:
    not ours or altered ("invalid"), withdrawn or replaced ("invalid"), used ("used"), older
    than INVITATION_MAX_AGE ("expired"), or its proposal withdrawn or rejected ("closed")."""
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
    if invitation.submission.state in (State.WITHDRAWN, State.REJECTED):
        raise ValidationError(
            f"This proposal is {invitation.submission.get_state_display().lower()}.",
            code="closed",
        )
    return invitation


def invitation_accept(
    *, token: str, user: AbstractBaseUser, now: datetime.datetime | None = None
) -> SubmissionSpeaker:
    """Use an invitation link: the user becomes a co-speaker of its proposal.

    A user without a member profile gets a guest one (no company). The invitation row is
    locked and marked used, so a link works once even when clicked twice. Refuses what
    invitation_from_token refuses, and a user already speaking on the proposal. Sends no
    e-mail.
    """
    now = now or timezone.now()
    with transaction.atomic():
        invitation = invitation_from_token(token=token, now=now)
        invitation = SubmissionInvitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise ValidationError("This invitation has already been used.", code="used")
        member = Member.objects.filter(user=user).first()
        if member is None:
            member = Member(user=user)
            member.full_clean()
            member.save()
        submission = invitation.submission
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


def invitation_accept_with_signup(
    *,
    token: str,
    first_name: str,
    last_name: str,
    password: str,
    now: datetime.datetime | None = None,
) -> AbstractBaseUser:
    """Create an account for the invited address and accept the invitation with it.

    The account's username and e-mail are the invited address; it gets a guest member
    profile (members.services.member_create_guest). Refuses an address that already has an
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


def submission_remind_unconfirmed(
    *, submissions: Iterable[Submission], base_url: str | None = None
) -> int:
    """E-mail the speakers of each accepted, not yet confirmed submission the "confirm
    reminder" template; others are passed over. Returns how many submissions were
    reminded. Sends mail at once (it writes nothing)."""
    link = _site_url(base_url) + reverse("events:my_submissions")
    reminded = 0
    for submission in submissions:
        if submission.state == State.ACCEPTED:
            _email_speakers(submission_id=submission.pk, code=emails.CONFIRM_REMINDER, link=link)
            reminded += 1
    return reminded


def submission_speaker_actions(
    *, submission: Submission, now: datetime.datetime, schedule_released: bool
) -> list[str]:
    """What a speaker can do next with the submission: any of "edit", "submit", "confirm",
    "withdraw". The same rules as submission_update and submission_transition, for pages
    to offer only what would succeed."""
    actions = []
    cfp_open = submission.conference.cfp_state(now) == "open"
    if submission.state in EDITABLE_STATES and cfp_open:
        actions.append("edit")
    if submission.state == State.DRAFT and cfp_open:
        actions.append("submit")
    if submission.state == State.ACCEPTED:
        actions.append("confirm")
    decided = submission.state in (State.ACCEPTED, State.CONFIRMED)
    if (State(submission.state), State.WITHDRAWN) in TRANSITIONS and not (
        decided and schedule_released
    ):
        actions.append("withdraw")
    return actions


def review_save(
    *, submission: Submission, reviewer: AbstractBaseUser, score: int, comment: str = ""
) -> Review:
    """Create or update the reviewer's one review of a submission.

    Refuses people outside the program committee, submissions not (or no longer) under
    review, and any submission the reviewer speaks on or with a speaker from the reviewer's
    own company.
    """
    if not is_reviewer(reviewer):
        raise ValidationError("Only the program committee reviews submissions.", code="not_allowed")
    if submission.state != State.SUBMITTED:
        raise ValidationError(
            "Only submitted proposals are open for review.", code="not_under_review"
        )
    reviewer_company_id = (
        Member.objects.filter(user=reviewer).values_list("company_id", flat=True).first()
    )
    if submission.speakers.filter(user=reviewer).exists():
        raise ValidationError(
            "You cannot review a submission you speak on.", code="conflict_of_interest"
        )
    if (
        reviewer_company_id is not None
        and submission.speakers.filter(company_id=reviewer_company_id).exists()
    ):
        raise ValidationError(
            "You cannot review a submission from your own company.", code="conflict_of_interest"
        )
    review = Review.objects.filter(submission=submission, reviewer=reviewer).first() or Review(
        submission=submission, reviewer=reviewer
    )
    review.score = score
    review.comment = comment
    review.full_clean()
    review.save()
    return review


def schedule_working(*, conference: Conference) -> Schedule:
    """The conference's working copy, created empty the first time it is asked for."""
    schedule, _ = Schedule.objects.get_or_create(conference=conference, version="")
    return schedule


def _local(moment: datetime.datetime, conference: Conference) -> str:
    return timezone.localtime(moment, conference.tz).strftime("%a %d %b %H:%M")


def _local_time(moment: datetime.datetime, conference: Conference) -> str:
    return timezone.localtime(moment, conference.tz).strftime("%H:%M")


def slot_check(*, slot: Slot) -> None:
    """The scheduling rule. Raises ValidationError naming every conflict of the slot.

    A slot must lie within the conference's days (in its timezone), carry a talk that is
    accepted or confirmed, not overlap another active slot of its schedule in the same room
    (a slot without a room takes the whole venue), and not put any of its speakers in two
    places at once. Runs a fixed number of queries whatever the schedule's size.
    """
    schedule = slot.schedule
    conference = schedule.conference
    errors: list[ValidationError] = []
    if slot.start is None or slot.end is None or slot.end <= slot.start:
        raise ValidationError("A slot must end after it starts.", code="invalid_times")
    if slot.room_id is not None and slot.room.conference_id != conference.pk:
        errors.append(ValidationError("That room belongs to another conference.", code="room"))
    if slot.start < conference.opens_at or slot.end > conference.closes_at:
        errors.append(
            ValidationError(
                f"{_local(slot.start, conference)} to {_local(slot.end, conference)} is outside "
                f"the conference days ({conference.starts_on:%d %b} to "
                f"{conference.ends_on:%d %b %Y}, {conference.timezone}).",
                code="outside_conference",
            )
        )
    submission = slot.submission if slot.submission_id else None
    if slot.kind == Slot.Kind.TALK and submission is None:
        errors.append(
            ValidationError("A talk slot needs a talk; use another kind for a block.", code="kind")
        )
    if slot.kind in (Slot.Kind.BREAK, Slot.Kind.MEAL, Slot.Kind.SOCIAL) and submission:
        errors.append(ValidationError("Breaks, meals and socials carry no talk.", code="kind"))
    if submission is None and not slot.title.strip():
        errors.append(ValidationError("A block without a talk needs a title.", code="title"))
    if submission is not None:
        if submission.conference_id != conference.pk:
            errors.append(
                ValidationError("That talk was submitted to another conference.", code="talk")
            )
        placed = (
            Slot.objects.active()
            .filter(schedule_id=schedule.pk, submission_id=submission.pk)
            .exclude(pk=slot.pk)
            .select_related("room")
            .first()
        )
        if placed is not None:
            errors.append(
                ValidationError(
                    f"“{submission.title}” is already placed "
                    f"({placed.room.name if placed.room_id else 'whole venue'}, "
                    f"{_local(placed.start, conference)}).",
                    code="already_placed",
                )
            )
        if submission.state not in Submission.SCHEDULABLE_STATES:
            errors.append(
                ValidationError(
                    f"“{submission.title}” is {submission.get_state_display().lower()} and "
                    "cannot be scheduled.",
                    code="not_schedulable",
                )
            )

    others = (
        Slot.objects.active()
        .filter(schedule_id=schedule.pk)
        .overlapping(slot.start, slot.end)
        .exclude(pk=slot.pk)
        .select_related("room", "submission")
    )
    if slot.room_id is not None:
        room_clash = others.filter(Q(room_id=slot.room_id) | Q(room__isnull=True))
    else:
        room_clash = others
    for other in room_clash:
        where = other.room.name if other.room_id else "the whole venue"
        errors.append(
            ValidationError(
                f"{slot.room.name if slot.room_id else 'The whole venue'} is taken from "
                f"{_local_time(other.start, conference)} to {_local_time(other.end, conference)}"
                f" by “{other.display_title}” ({where}).",
                code="room_overlap",
            )
        )

    if submission is not None:
        speaker_ids = SubmissionSpeaker.objects.filter(submission_id=submission.pk).values(
            "member_id"
        )
        clashing_slots = {
            other.submission_id: other
            for other in others.filter(
                submission__submission_speakers__member_id__in=speaker_ids
            ).distinct()
        }
        if clashing_slots:
            busy_speakers = SubmissionSpeaker.objects.filter(
                submission_id__in=clashing_slots, member_id__in=speaker_ids
            ).select_related("member__user")
            for busy in busy_speakers:
                other = clashing_slots[busy.submission_id]
                where = other.room.name if other.room_id else "the whole venue"
                errors.append(
                    ValidationError(
                        f"{busy.member.name} already speaks in “{other.display_title}” "
                        f"({where}, {_local_time(other.start, conference)} to "
                        f"{_local_time(other.end, conference)}).",
                        code="speaker_overlap",
                    )
                )
    if errors:
        raise ValidationError(errors)


def _lock_working_copy(*, schedule_id: int) -> Schedule:
    """Lock a schedule row for a check-then-write; refuse a released version."""
    schedule = (
        Schedule.objects.select_for_update(of=("self",))
        .select_related("conference")
        .get(pk=schedule_id)
    )
    if not schedule.is_working_copy:
        raise ValidationError(
            "A released schedule cannot be changed; edit the working copy.", code="released"
        )
    return schedule


def _refuse_stale(*, slot: Slot, expected_updated_at: datetime.datetime | None) -> None:
    """Refuse the write when the stored slot changed since the caller read it.

    Run under the schedule's lock, so no writer can slip in between the check and the write.
    """
    if expected_updated_at is None or slot.pk is None:
        return
    stored = (
        Slot.objects.filter(pk=slot.pk, schedule_id=slot.schedule_id)
        .values_list("updated_at", flat=True)
        .first()
    )
    if stored is None:
        raise ValidationError(
            "Someone else has removed this slot since you loaded the page. "
            "The grid shows the schedule as it is now.",
            code="stale",
        )
    if stored != expected_updated_at:
        raise ValidationError(
            "Someone else has changed this slot since you loaded the page; your change was "
            "not saved. The grid shows the schedule as it is now.",
            code="stale",
        )


def slot_save(
    *,
    slot: Slot,
    expected_updated_at: datetime.datetime | None = None,
    actor: AbstractBaseUser | None = None,
) -> Slot:
    """Check a slot of a working copy against the scheduling rule and save it.

    The schedule row is locked for the check and the write, so concurrent writers take
    turns; on PostgreSQL an exclusion constraint refuses a room overlap even so. Given
    `expected_updated_at` (the slot's `updated_at` when the caller read it), a slot changed
    or removed since then is refused as stale rather than overwritten.
    Raises ValidationError naming the conflicts. Writes an audit entry naming the actor.
    """
    with transaction.atomic():
        schedule = _lock_working_copy(schedule_id=slot.schedule_id)
        slot.schedule = schedule
        _refuse_stale(slot=slot, expected_updated_at=expected_updated_at)
        slot.full_clean(exclude=["schedule"], validate_constraints=False)
        slot_check(slot=slot)
        try:
            with transaction.atomic():
                slot.save()
        except IntegrityError as error:
            raise ValidationError(
                "Another organizer has just changed this part of the schedule. "
                "Reload and try again.",
                code="concurrent_change",
            ) from error
        audit_record(actor=actor, action=Action.SLOT_SAVED, target=slot)
    return slot


def validation_error_items(error: ValidationError) -> list[ValidationError]:
    """The single errors inside a ValidationError, whether it holds a list or a field dict,
    each with its message and code."""
    if hasattr(error, "error_dict"):
        return [item for items in error.error_dict.values() for item in items]
    return error.error_list


def slot_kind_for(*, submission: Submission) -> str:
    """A talk in the keynote format is shown and exported as a keynote."""
    return Slot.Kind.KEYNOTE if submission.format.slug == "keynote" else Slot.Kind.TALK


def slot_place(
    *,
    schedule: Schedule,
    submission: Submission,
    room: Room | None,
    start: datetime.datetime,
    end: datetime.datetime | None = None,
    actor: AbstractBaseUser | None = None,
) -> Slot:
    """Place a talk in the working copy; its length defaults to its format's duration.

    A talk that was in the latest release (and has since been unscheduled) gets its
    released session's uid back, so the next release lists it as moved rather than as
    cancelled and new, and attendees who starred it keep it. Checked and saved by
    `slot_save`; raises ValidationError naming the conflicts.
    """
    released_uid = (
        Slot.objects.filter(
            schedule__in=schedule.conference.schedules.released().values("pk")[:1],
            submission=submission,
        )
        .values_list("uid", flat=True)
        .first()
    )
    slot = Slot(
        schedule=schedule,
        kind=slot_kind_for(submission=submission),
        room=room,
        start=start,
        end=end or start + submission.format.duration,
        submission=submission,
    )
    if released_uid is not None:
        slot.uid = released_uid
    return slot_save(slot=slot, actor=actor)


def slot_move(
    *,
    slot: Slot,
    room: Room | None,
    start: datetime.datetime,
    end: datetime.datetime,
    expected_updated_at: datetime.datetime | None = None,
    actor: AbstractBaseUser | None = None,
) -> Slot:
    """Move or resize a slot of the working copy: another room (None for the whole venue),
    another time or day, another length.

    Refused, and nothing written, when the new place breaks the scheduling rule or the slot
    changed since the caller read it (`expected_updated_at`). Raises ValidationError.
    """
    slot.room = room
    slot.start = start
    slot.end = end
    return slot_save(slot=slot, expected_updated_at=expected_updated_at, actor=actor)


def slot_unschedule(
    *,
    slot: Slot,
    expected_updated_at: datetime.datetime | None = None,
    actor: AbstractBaseUser | None = None,
) -> None:
    """Take a slot out of the working copy: a talk goes back to the list of talks to place,
    a block is deleted.

    Released versions keep their copy; the next release lists a released session that is
    no longer in the working copy as cancelled. Refused for a released schedule and for a
    slot changed or removed since the caller read it. Raises ValidationError. Writes an
    audit entry naming the actor.
    """
    with transaction.atomic():
        _lock_working_copy(schedule_id=slot.schedule_id)
        _refuse_stale(slot=slot, expected_updated_at=expected_updated_at)
        audit_record(actor=actor, action=Action.SLOT_DELETED, target=slot)
        Slot.objects.filter(pk=slot.pk).delete()


BLOCK_KINDS = (
    Slot.Kind.BREAK,
    Slot.Kind.MEAL,
    Slot.Kind.SOCIAL,
    Slot.Kind.KEYNOTE,
    Slot.Kind.OTHER,
)


def slot_block_create(
    *,
    schedule: Schedule,
    kind: str,
    title: str,
    start: datetime.datetime,
    end: datetime.datetime,
    rooms: Iterable[Room] = (),
    description: str = "",
    actor: AbstractBaseUser | None = None,
) -> list[Slot]:
    """Add a block without a talk (break, lunch, keynote, social) to the working copy.

    Without rooms it is one slot for the whole venue: one session in exports and feeds,
    and it keeps every room busy, including rooms added later. With rooms it is one slot
    per room, all saved or none; each is then moved on its own. Every room's conflicts are
    named together. Raises ValidationError.
    """
    if kind not in BLOCK_KINDS:
        raise ValidationError(
            f"A block is one of: {', '.join(str(Slot.Kind(k).label) for k in BLOCK_KINDS)}.",
            code="kind",
        )
    places: list[Room | None] = list(rooms) or [None]
    slots, errors = [], []
    with transaction.atomic():
        for room in places:
            slot = Slot(
                schedule=schedule,
                kind=kind,
                room=room,
                start=start,
                end=end,
                title=title.strip(),
                description=description,
            )
            try:
                slots.append(slot_save(slot=slot, actor=actor))
            except ValidationError as error:
                for item in validation_error_items(error):
                    if item.message not in {known.message for known in errors}:
                        errors.append(item)
        if errors:
            # Leaving the atomic block with an exception undoes the rooms already saved.
            raise ValidationError(errors)
    return slots


# What a release copies of a slot; a session whose copy differs from the previous
# release's has changed, and if its place differs it has moved.
RELEASED_FIELDS = (
    "uid",
    "kind",
    "room_id",
    "start",
    "end",
    "submission_id",
    "title",
    "description",
)
PLACE_FIELDS = ("start", "end", "room_id")


def _fields(slot: Slot, names: tuple[str, ...]) -> tuple:
    return tuple(getattr(slot, name) for name in names)


def _release_copy(slot: Slot, release: Schedule, **state) -> Slot:
    return Slot(
        schedule=release, **{name: getattr(slot, name) for name in RELEASED_FIELDS}, **state
    )


def _changelog_entry(slot: Slot, conference: Conference) -> dict[str, str]:
    return {
        "uid": str(slot.uid),
        "title": slot.display_title,
        "start": timezone.localtime(slot.start, conference.tz).isoformat(),
        "room": slot.room.name if slot.room_id else "",
    }


def schedule_release(
    *,
    conference: Conference,
    version: str,
    note: str = "",
    actor: AbstractBaseUser | None = None,
    now: datetime.datetime | None = None,
) -> Schedule:
    """Copy the working schedule into a new released version, with a changelog.

    Against the previous release each session is new, moved (time or room changed),
    changed (another detail changed), unchanged or cancelled. Changed sessions take this
    release as `changed_in` and a raised `sequence`; a session that left the working copy,
    or whose talk is no longer accepted or confirmed, is kept as a cancelled slot so that
    calendar subscribers learn of it. Writes in one transaction, with an audit entry;
    sends nothing.
    """
    now = now or timezone.now()
    version = version.strip()
    if not version:
        raise ValidationError({"version": "Name the version, e.g. 1.0 or “Final”."})
    with transaction.atomic():
        working = (
            Schedule.objects.select_for_update().filter(conference=conference, version="").first()
        )
        if working is None:
            raise ValidationError("There is no working schedule to release.", code="empty")
        if Schedule.objects.filter(conference=conference, version=version).exists():
            raise ValidationError({"version": f"Version {version} has already been released."})
        release = Schedule(
            conference=conference, version=version, released_at=now, released_by=actor, note=note
        )
        release.full_clean(validate_constraints=False)
        previous = conference.schedules.released().first()
        previous_slots = (
            {s.uid: s for s in previous.slots.select_related("room", "submission")}
            if previous
            else {}
        )
        release.save()
        changelog: dict[str, list] = {"new": [], "moved": [], "changed": [], "cancelled": []}
        copies = []
        working_slots = working.slots.active().select_related("room", "submission")
        kept_uids = set()
        for slot in working_slots:
            if slot.submission_id and slot.submission.state not in Submission.SCHEDULABLE_STATES:
                continue
            kept_uids.add(slot.uid)
            before = previous_slots.get(slot.uid)
            if before is None or before.cancelled:
                sequence = before.sequence + 1 if before else 0
                copies.append(_release_copy(slot, release, sequence=sequence, changed_in=release))
                changelog["new"].append(_changelog_entry(slot, conference))
            elif _fields(before, RELEASED_FIELDS) != _fields(slot, RELEASED_FIELDS):
                sequence = before.sequence + 1
                copies.append(_release_copy(slot, release, sequence=sequence, changed_in=release))
                moved = _fields(before, PLACE_FIELDS) != _fields(slot, PLACE_FIELDS)
                changelog["moved" if moved else "changed"].append(
                    _changelog_entry(slot, conference)
                )
            else:
                copies.append(
                    _release_copy(
                        slot,
                        release,
                        sequence=before.sequence,
                        changed_in_id=before.changed_in_id,
                    )
                )
        for uid, before in previous_slots.items():
            if uid in kept_uids:
                continue
            if before.cancelled:
                state = {"sequence": before.sequence, "changed_in_id": before.changed_in_id}
            else:
                state = {"sequence": before.sequence + 1, "changed_in": release}
                changelog["cancelled"].append(_changelog_entry(before, conference))
            copies.append(_release_copy(before, release, cancelled=True, **state))
        Slot.objects.bulk_create(copies)
        release.changelog = changelog
        release.save(update_fields=["changelog"])
        audit_record(actor=actor, action=Action.SCHEDULE_RELEASED, target=release)
    return release


def registration_create(
    *, conference: Conference, user: AbstractBaseUser, now: datetime.datetime | None = None
) -> Registration:
    """Register a person for a conference with the pass their role and company give.

    The pass comes from `events.selectors.registration_pass_type`: staff for organizers,
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
