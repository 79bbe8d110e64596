"""The call for papers' writes: proposing and editing talks, the submission state machine
(`submission_transition`, the one gate for every change of state) and the mails it sends.

Forms, the admin, the API and management commands call these functions, so each rule lives
here once.
"""

import datetime
import uuid
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from audit.services import audit_submission_transition
from events.cfp import emails
from events.cfp.invitations import (
    EDITABLE_STATES,
    check_speaker_may_edit,
    submission_set_co_speakers,
)
from events.cfp.mail import email_speakers, site_url
from events.models import (
    Conference,
    Schedule,
    SessionFormat,
    Submission,
    SubmissionSpeaker,
    SubmissionTransition,
    Track,
)
from events.schedule.services import slots_drop_for_submission
from members.models import CaseStudy, MailBatch, Member
from members.roles import is_organizer
from members.selectors import member_submission_refusal
from webhooks.emit import EventType, WebhookEvent, webhook_emit

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
    # Alternates wait off the agenda until a place comes free (submission_promote_alternate).
    (State.SUBMITTED, State.ALTERNATE): frozenset({ORGANIZER}),
    (State.ALTERNATE, State.ACCEPTED): frozenset({ORGANIZER}),
    (State.ALTERNATE, State.REJECTED): frozenset({ORGANIZER}),
    (State.ALTERNATE, State.WITHDRAWN): frozenset({SPEAKER, ORGANIZER}),
}


def _submission_roles(*, submission: Submission, actor: User) -> set[str]:
    roles = set()
    if is_organizer(actor):
        roles.add(ORGANIZER)
    if actor.is_authenticated and submission.speakers.filter(user=actor).exists():
        roles.add(SPEAKER)
    return roles


# The e-mail each state change sends to the speakers, if any.
TRANSITION_EMAILS: dict[str, str] = {
    State.SUBMITTED: emails.SUBMISSION_RECEIVED,
    State.ACCEPTED: emails.SUBMISSION_ACCEPTED,
    State.REJECTED: emails.SUBMISSION_REJECTED,
    State.ALTERNATE: emails.SUBMISSION_ALTERNATE,
}
# Where the move, not only the new state, decides the wording.
TRANSITION_EMAILS_FROM: dict[tuple[str, str], str] = {
    (State.ALTERNATE, State.ACCEPTED): emails.ALTERNATE_PROMOTED,
}


def submission_transition(
    *,
    submission: Submission,
    to_state: str,
    actor: User,
    note: str = "",
    now: datetime.datetime | None = None,
    notify: bool = True,
    base_url: str | None = None,
    hold_mail: MailBatch | None = None,
) -> Submission:
    """Move a submission to another state, if the actor may make that move now.

    The one gate for every state change. It locks the row, so two clicks make one change,
    and records the change as a SubmissionTransition. A talk withdrawn or rejected leaves
    the working schedule (its slot is deleted). Raises ValidationError (with a code)
    when the move is not in the machine, the actor's role does not allow it, the call for
    papers is closed, the speaker's company may not submit talks, or a speaker withdraws
    after the schedule was released. A decision or a withdrawal cancels the open co-speaker
    invitations.

    With `notify` (the default), once the transaction commits it e-mails every speaker
    the template of TRANSITION_EMAILS for the new state (received, accepted, rejected,
    alternate; TRANSITION_EMAILS_FROM where the move decides it: an alternate promoted),
    linking to their submissions under `base_url` (default settings.SITE_URL); given
    `hold_mail`, that mail is held in the batch for an organizer's approval instead of
    leaving at once (members.services.mail_batches). Every change also sends the webhook
    `submission.state_changed` once committed.
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
            slots_drop_for_submission(submission=locked)
        if to_state not in EDITABLE_STATES:
            # Co-speakers join only while the talk may change (events.cfp.invitations).
            locked.invitations.filter(accepted_at__isnull=True).delete()
        SubmissionTransition.objects.create(
            submission=locked, from_state=from_state, to_state=to_state, actor=actor, note=note
        )
        if ORGANIZER in roles:
            audit_submission_transition(actor=actor, submission=locked, from_state=from_state)
        webhook_emit(
            events=[
                WebhookEvent(
                    type=EventType.SUBMISSION_STATE_CHANGED,
                    data={
                        "submission": {
                            "id": locked.pk,
                            "title": locked.title,
                            "conference": locked.conference.slug,
                        },
                        "from_state": from_state,
                        "to_state": to_state,
                        "by": "organizer" if ORGANIZER in roles else "speaker",
                        "at": now,
                    },
                )
            ]
        )
        code = TRANSITION_EMAILS_FROM.get((from_state, to_state), TRANSITION_EMAILS.get(to_state))
        if notify and code is not None:
            link = site_url(base_url) + reverse("events:my_submissions")
            transaction.on_commit(
                partial(
                    email_speakers,
                    submission_id=locked.pk,
                    code=code,
                    link=link,
                    batch=hold_mail,
                )
            )
    submission.state = locked.state
    submission.submitted_at = locked.submitted_at
    return locked


def submission_promote_alternate(
    *, submission: Submission, actor: User, base_url: str | None = None
) -> Submission:
    """Accept an alternate, as an organizer does when a confirmed talk drops out
    (events.cfp.selectors.alternate_offer says which alternate to offer).

    Refuses (ValidationError, code "not_alternate") anything that is not an alternate now,
    and anyone but an organizer (code "not_allowed", from submission_transition). The move
    is recorded and audited like every organizer's transition, and once the transaction
    commits the speakers are e-mailed the "alternate promoted" template, asking them to
    confirm.
    """
    with transaction.atomic():
        state = (
            Submission.objects.select_for_update(of=("self",))
            .values_list("state", flat=True)
            .get(pk=submission.pk)
        )
        if state != State.ALTERNATE:
            raise ValidationError(
                f"Only an alternate can be promoted; “{submission.title}” is "
                f"{State(state).label.lower()}.",
                code="not_alternate",
            )
        return submission_transition(
            submission=submission,
            to_state=State.ACCEPTED,
            actor=actor,
            note="Promoted from the alternates.",
            base_url=base_url,
        )


def _slides_refusal(upload: UploadedFile) -> ValidationError | None:
    """Why the upload cannot be a talk's slides: too large (settings.SLIDES_MAX_BYTES), or
    not a PDF (the %PDF- signature, then pypdf must read its pages). None when it can."""
    limit = settings.SLIDES_MAX_BYTES
    if upload.size is None or upload.size > limit:
        return ValidationError(
            f"The slides may be at most {limit / (1024 * 1024):.0f} MB; this file is "
            f"{(upload.size or 0) / (1024 * 1024):.1f} MB. Compress its images and try again.",
            code="too_large",
        )
    not_pdf = ValidationError(
        "Upload the slides as a PDF file; this file is not one.", code="not_pdf"
    )
    upload.seek(0)
    if upload.read(5) != b"%PDF-":
        return not_pdf
    upload.seek(0)
    try:
        pages = len(PdfReader(upload, strict=False).pages)
    except Exception:  # pypdf raises many kinds of error on a broken file
        return not_pdf
    finally:
        upload.seek(0)
    return not_pdf if pages < 1 else None


def slides_state_refusal(*, submission: Submission) -> ValidationError | None:
    """Why the talk takes no slides in its state (code "not_accepted"), or None once it is
    accepted or confirmed: for pages to say so before a speaker picks a file."""
    if submission.state in Submission.SCHEDULABLE_STATES:
        return None
    return ValidationError(
        f"Slides can be uploaded once the talk is accepted; “{submission.title}” is "
        f"{submission.get_state_display().lower()}.",
        code="not_accepted",
    )


def submission_slides_upload(
    *,
    submission: Submission,
    actor: User,
    upload: UploadedFile,
    now: datetime.datetime | None = None,
) -> Submission:
    """Store a PDF as the talk's slides, replacing any before, as one of its speakers.

    Refuses (ValidationError) anyone who is not a speaker of the talk (code "not_allowed"),
    a talk not accepted or confirmed ("not_accepted"), a file over settings.SLIDES_MAX_BYTES
    ("too_large") and anything that is not a readable PDF ("not_pdf"); a refused upload
    stores nothing. The file goes to Django's default storage under a new random name
    (events.models.submission.slides_path); the one it replaces is deleted once the
    transaction commits. Who may download it is events.cfp.selectors.materials_refusal.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Submission.objects.select_for_update(of=("self",)).get(pk=submission.pk)
        if not (
            actor.is_authenticated
            and SubmissionSpeaker.objects.filter(submission=locked, member__user=actor).exists()
        ):
            raise ValidationError(
                "Only the talk's speakers may upload its slides.", code="not_allowed"
            )
        refusal = slides_state_refusal(submission=locked)
        if refusal is not None:
            raise refusal
        refusal = _slides_refusal(upload)
        if refusal is not None:
            raise refusal
        replaced = locked.slides.name
        locked.slides.save("slides.pdf", upload, save=False)
        locked.slides_uploaded_at = now
        locked.save(update_fields=["slides", "slides_uploaded_at"])
        if replaced:
            transaction.on_commit(partial(default_storage.delete, replaced))
    submission.slides = locked.slides
    submission.slides_uploaded_at = locked.slides_uploaded_at
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


def submission_update(
    *,
    submission: Submission,
    actor: User,
    title: str,
    abstract: str,
    session_format: SessionFormat,
    track: Track | None = None,
    audience_level: str = Submission.AudienceLevel.INTERMEDIATE,
    outline: str = "",
    notes: str = "",
    case_study: CaseStudy | None = None,
    co_speaker_emails: Iterable[str] | None = None,
    expected_updated_at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
    base_url: str | None = None,
) -> Submission:
    """Change a proposal's text and details, as one of its speakers.

    Speakers edit drafts and submitted proposals until the call for papers closes (server
    time); a decided or withdrawn one stays as it is. Organizers change proposals in the
    admin. Refuses (ValidationError) anyone who is not a speaker, another state, a closed
    call, and a format, track or case study that is not the conference's or the primary
    speaker's company's. The row is locked while it changes. Given `expected_updated_at`
    (the proposal's `updated_at` when the caller read it), a proposal changed since (by
    another speaker's edit or a state change) is refused (code "stale") rather than
    overwritten, as slots are (events.schedule.services.slot_save). With
    `co_speaker_emails`, runs submission_set_co_speakers in the same transaction (which
    may e-mail invitations).
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("conference")
            .get(pk=submission.pk)
        )
        check_speaker_may_edit(submission=locked, actor=actor, now=now)
        # Checked under the row's lock, so no other save slips in between check and write.
        if expected_updated_at is not None and locked.updated_at != expected_updated_at:
            raise ValidationError(
                "Someone else has changed this proposal since you opened it; your changes "
                "were not saved. Compare them with the proposal as it is now, then save again.",
                code="stale",
            )
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


def submission_delete(*, submission: Submission, actor: User) -> None:
    """Delete a draft that was never submitted, with its speakers, invitations and history.

    Only its primary speaker may; what was ever submitted stays on record and is withdrawn
    instead (submission_transition). Raises ValidationError with code "not_draft" or
    "not_allowed". Sends no mail; open co-speaker invitation links stop working.
    """
    with transaction.atomic():
        locked = Submission.objects.select_for_update(of=("self",)).filter(pk=submission.pk).first()
        if locked is None:
            return
        is_primary = SubmissionSpeaker.objects.filter(
            submission=locked, member__user_id=actor.pk, is_primary=True
        ).exists()
        if not actor.is_authenticated or not is_primary:
            raise ValidationError(
                "Only the primary speaker may delete this draft.", code="not_allowed"
            )
        if locked.state != State.DRAFT or locked.submitted_at is not None:
            raise ValidationError(
                "Only a draft that was never submitted can be deleted; withdraw it instead.",
                code="not_draft",
            )
        slots_drop_for_submission(submission=locked)
        locked.delete()


def submission_remind_unconfirmed(
    *, submissions: Iterable[Submission], base_url: str | None = None
) -> int:
    """E-mail the speakers of each accepted, not yet confirmed submission the "confirm
    reminder" template; others are passed over. Returns how many submissions were
    reminded. Sends mail at once (it writes nothing)."""
    link = site_url(base_url) + reverse("events:my_submissions")
    reminded = 0
    for submission in submissions:
        if submission.state == State.ACCEPTED:
            email_speakers(submission_id=submission.pk, code=emails.CONFIRM_REMINDER, link=link)
            reminded += 1
    return reminded


def submission_speaker_actions(
    *, submission: Submission, now: datetime.datetime, schedule_released: bool
) -> list[str]:
    """What a speaker can do next with the submission: any of "edit", "submit", "confirm",
    "withdraw", "delete" (a draft never submitted, which is deleted rather than withdrawn;
    only its primary speaker may). The same rules as submission_update,
    submission_transition and submission_delete, for pages to offer only what would
    succeed."""
    actions = []
    cfp_open = submission.conference.cfp_state(now) == "open"
    if submission.state in EDITABLE_STATES and cfp_open:
        actions.append("edit")
    if submission.state == State.DRAFT and cfp_open:
        actions.append("submit")
    if submission.state == State.ACCEPTED:
        actions.append("confirm")
    if submission.state == State.DRAFT and submission.submitted_at is None:
        actions.append("delete")
        return actions
    decided = submission.state in Submission.SCHEDULABLE_STATES
    if (State(submission.state), State.WITHDRAWN) in TRANSITIONS and not (
        decided and schedule_released
    ):
        actions.append("withdraw")
    return actions
