"""Reads for evaluations and certificates: which sessions a person attended (and may
evaluate), the results per session in a constant number of queries, a speaker's averages
from earlier conferences, and a certificate's data for the renderer.

"Attended" means: recorded at the session by check-in staff when the conference records
session attendance at all (any SessionAttendance of its registrations). Otherwise: a seat
at a session that requires sign-up (a confirmed SessionSignup; a place on the waitlist is
not a seat, nor is a star), and a star in the person's agenda for every other session.
Only talks of the latest release that are not cancelled count.
"""

import datetime
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import Avg, Count, Sum
from django.utils import timezone

from events.exports.certificate import CertificateData, CertificateSession, hours
from events.models import (
    AgendaItem,
    Certificate,
    Conference,
    Evaluation,
    Registration,
    Schedule,
    SessionAttendance,
    SessionSignup,
    Slot,
)
from events.schedule.rows import SessionRow, session_rows
from events.schedule.selectors import schedule_latest_release, schedule_latest_release_ids
from members.models import MailKind, Member
from members.selectors import mail_recipients


@dataclass(frozen=True)
class Scores:
    """A session's (or a speaker's) evaluations summed up; averages are None without any."""

    count: int = 0
    content: float | None = None
    speaker: float | None = None


@dataclass
class SessionResult:
    """One session's evaluation results as speakers and organizers see them."""

    session: SessionRow
    scores: Scores
    comments: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AttendedSession:
    """A talk the person attended, with whether it has ended, its credit hours and their
    evaluation of it (None before they give one)."""

    uid: uuid.UUID
    title: str
    start: datetime.datetime
    end: datetime.datetime
    credit_hours: Decimal
    evaluation: Evaluation | None

    def ended(self, now: datetime.datetime) -> bool:
        return self.end <= now

    @property
    def credit_hours_label(self) -> str:
        return hours(self.credit_hours)


def conference_records_session_attendance(*, conference: Conference) -> bool:
    """Whether staff record who is at the sessions: any session attendance of the
    conference's registrations. One query."""
    return SessionAttendance.objects.filter(registration__conference=conference).exists()


def registration_attended_uids(*, registration: Registration) -> set[uuid.UUID]:
    """The uids of the sessions the person attended: those they were recorded at when the
    conference records session attendance; else those they have a seat at, and those they
    starred that require no sign-up in the latest release. Two queries."""
    conference = registration.conference
    if conference_records_session_attendance(conference=conference):
        return set(
            SessionAttendance.objects.filter(registration=registration).values_list(
                "slot_uid", flat=True
            )
        )
    latest = Schedule.objects.filter(conference=conference).released().values("pk")[:1]
    needing_signup = Slot.objects.filter(schedule__in=latest, signup_required=True)
    starred = AgendaItem.objects.filter(registration=registration).exclude(
        slot_uid__in=needing_signup.values("uid")
    )
    seated = SessionSignup.objects.filter(
        registration=registration, state=SessionSignup.State.CONFIRMED
    )
    return set(
        starred.order_by()
        .values_list("slot_uid", flat=True)
        .union(seated.order_by().values_list("slot_uid", flat=True))
    )


def registration_waitlisted(*, registration: Registration, slot_uid: uuid.UUID) -> bool:
    """Whether the person is (still) on the session's waitlist. One query."""
    return SessionSignup.objects.filter(
        registration=registration, slot_uid=slot_uid, state=SessionSignup.State.WAITLISTED
    ).exists()


def registration_attended_sessions(*, registration: Registration) -> list[AttendedSession]:
    """The talks of the latest release the person attended, in time order, with their credit
    hours and the person's evaluation of each. Four queries however many sessions."""
    release = schedule_latest_release(conference=registration.conference)
    if release is None:
        return []
    uids = registration_attended_uids(registration=registration)
    if not uids:
        return []
    evaluations = {
        evaluation.slot_uid: evaluation
        for evaluation in Evaluation.objects.filter(registration=registration, slot_uid__in=uids)
    }
    rows = (
        Slot.objects.filter(
            schedule=release, uid__in=uids, submission__isnull=False, cancelled=False
        )
        .order_by("start", "room__order", "pk")
        .values_list("uid", "submission__title", "start", "end", "submission__format__credit_hours")
    )
    return [
        AttendedSession(
            uid=uid,
            title=title,
            start=start,
            end=end,
            credit_hours=credit_hours or Decimal(0),
            evaluation=evaluations.get(uid),
        )
        for uid, title, start, end, credit_hours in rows
    ]


def session_evaluation_state(
    *, registration: Registration | None, slot: Slot, now: datetime.datetime
) -> str:
    """What the session page offers the person: "open" when they may evaluate the session
    now, "done" when they have, else "". No query before a talk ends; at most three after."""
    if registration is None or slot.submission_id is None or slot.cancelled or now < slot.end:
        return ""
    if Evaluation.objects.filter(registration=registration, slot_uid=slot.uid).exists():
        return "done"
    if slot.uid in registration_attended_uids(registration=registration):
        return "open"
    return ""


def evaluation_scores(*, conference: Conference) -> dict[uuid.UUID, Scores]:
    """Every evaluated session's count and averages, by uid. One query."""
    rows = (
        Evaluation.objects.filter(registration__conference=conference)
        .values("slot_uid")
        .annotate(count=Count("pk"), content=Avg("content_rating"), speaker=Avg("speaker_rating"))
        .order_by()
    )
    return {
        row["slot_uid"]: Scores(count=row["count"], content=row["content"], speaker=row["speaker"])
        for row in rows
    }


def evaluation_results(
    *, conference: Conference, member_id: int | None = None, comments: bool = False
) -> list[SessionResult]:
    """The talks of the latest release with their evaluation results, in time order; only
    those `member_id` speaks at when given; with the (anonymous) comments, newest first,
    when `comments`. Four queries (five with comments) however many sessions there are."""
    release = schedule_latest_release(conference=conference)
    if release is None:
        return []
    slots = Slot.objects.filter(schedule=release, submission__isnull=False)
    if member_id is not None:
        slots = slots.filter(submission__submission_speakers__member_id=member_id)
    sessions = session_rows(slots=slots)
    scores = evaluation_scores(conference=conference)
    found: dict[uuid.UUID, list[str]] = {}
    if comments:
        for uid, comment in (
            Evaluation.objects.filter(
                registration__conference=conference,
                slot_uid__in=[session.uid for session in sessions],
            )
            .exclude(comment="")
            .order_by("-created_at", "-pk")
            .values_list("slot_uid", "comment")
        ):
            found.setdefault(uid, []).append(comment)
    return [
        SessionResult(
            session=session,
            scores=scores.get(session.uid, Scores()),
            comments=found.get(session.uid, []),
        )
        for session in sessions
    ]


def speaker_past_scores(*, conference: Conference, member_ids: list[int]) -> dict[int, Scores]:
    """Each speaker's evaluations at conferences that started before this one, summed up
    over every talk they gave there, by member id. Two queries however many speakers."""
    if not member_ids:
        return {}
    talks: dict[uuid.UUID, set[int]] = {}
    for uid, member_id in (
        Slot.objects.filter(
            schedule__conference__starts_on__lt=conference.starts_on,
            submission__submission_speakers__member_id__in=member_ids,
        )
        .exclude(schedule__version="")
        .values_list("uid", "submission__submission_speakers__member_id")
        .distinct()
    ):
        talks.setdefault(uid, set()).add(member_id)
    if not talks:
        return {}
    totals: dict[int, list[int]] = {}  # member id: [count, content sum, speaker sum]
    for uid, count, content, speaker in (
        Evaluation.objects.filter(slot_uid__in=list(talks))
        .values("slot_uid")
        .annotate(
            count=Count("pk"),
            content=Sum("content_rating"),
            speaker=Sum("speaker_rating"),
        )
        .order_by()
        .values_list("slot_uid", "count", "content", "speaker")
    ):
        for member_id in talks[uid]:
            total = totals.setdefault(member_id, [0, 0, 0])
            total[0] += count
            total[1] += content
            total[2] += speaker
    return {
        member_id: Scores(count=count, content=content / count, speaker=speaker / count)
        for member_id, (count, content, speaker) in totals.items()
        if count
    }


def speaker_member(*, conference: Conference, user) -> Member | None:
    """The person's member profile when they speak on a proposal of the conference (in any
    state: results appear for talks that were given), else None. One query."""
    if not user.is_authenticated:
        return None
    return Member.objects.filter(
        user=user, speaker_roles__submission__conference=conference
    ).first()


def certificate_for(*, registration: Registration) -> Certificate | None:
    return Certificate.objects.filter(registration=registration).first()


def certificate_by_code(*, code: str) -> Certificate | None:
    """The certificate with this verification code, with its conference; None for an
    unknown code. One query."""
    return (
        Certificate.objects.select_related("registration__conference")
        .filter(code=code.strip().upper())
        .first()
    )


def certificate_data(*, certificate: Certificate, verify_url: str) -> CertificateData:
    """What the certificate PDF prints, from the certificate's snapshot."""
    conference = certificate.registration.conference
    return CertificateData(
        name=certificate.name,
        conference=conference.name,
        dates=f"{conference.starts_on:%-d %B} – {conference.ends_on:%-d %B %Y}",  # noqa: RUF001 - an en dash between dates
        venue=conference.venue,
        sessions=[
            CertificateSession(
                title=session["title"],
                when=session["when"],
                credit_hours=Decimal(session["credit_hours"]),
            )
            for session in certificate.sessions
        ],
        credit_hours=certificate.credit_hours,
        code=certificate.code,
        verify_url=verify_url,
        issued_at=certificate.issued_at,
    )


# Invitations to evaluate

# A day's invitation goes out once its last talk has ended this long ago (people leave the
# room, the evening programme starts) and no later than INVITE_LOOKBACK after, so a task
# that was down for a while does not mail about sessions long past.
INVITE_AFTER = datetime.timedelta(minutes=30)
INVITE_LOOKBACK = datetime.timedelta(days=1)


@dataclass(frozen=True)
class InvitedSession:
    uid: uuid.UUID
    title: str


@dataclass(frozen=True)
class EvaluationInvitation:
    """One person's invitation to evaluate the talks of one conference day they attended
    and have not evaluated yet."""

    registration_id: int
    user: User
    conference: Conference
    day: datetime.date
    sessions: list[InvitedSession]


def evaluation_invitations_due(*, now: datetime.datetime) -> list[EvaluationInvitation]:
    """The invitations to evaluate due now: for every conference day (in the conference's
    timezone, latest releases only) whose last talk ended between INVITE_LOOKBACK and
    INVITE_AFTER ago, each attendee of its talks (see the module docstring for who
    attended) who wants this kind of mail and has not evaluated every talk of the day they
    attended. Eight queries however many conferences, sessions and people there are."""
    slots = list(
        Slot.objects.filter(
            schedule_id__in=schedule_latest_release_ids(),
            submission__isnull=False,
            cancelled=False,
            start__gte=now - INVITE_LOOKBACK - datetime.timedelta(days=1),
            start__lt=now + datetime.timedelta(days=1),
        )
        .select_related("schedule__conference", "submission")
        .order_by("start", "room__order", "pk")
    )
    days: dict[tuple[int, datetime.date], list[Slot]] = {}
    for slot in slots:
        conference = slot.schedule.conference
        day = timezone.localtime(slot.start, conference.tz).date()
        days.setdefault((conference.pk, day), []).append(slot)
    due = {
        key: talks
        for key, talks in days.items()
        if now - INVITE_LOOKBACK < max(talk.end for talk in talks) <= now - INVITE_AFTER
    }
    if not due:
        return []
    talks = [talk for day_talks in due.values() for talk in day_talks]
    conference_ids = {talk.schedule.conference_id for talk in talks}
    checked = set(
        SessionAttendance.objects.filter(registration__conference_id__in=conference_ids)
        .values_list("registration__conference_id", flat=True)
        .distinct()
    )
    recorded_uids = [talk.uid for talk in talks if talk.schedule.conference_id in checked]
    unchecked = [talk for talk in talks if talk.schedule.conference_id not in checked]
    attended: set[tuple[int, uuid.UUID]] = set(
        SessionAttendance.objects.filter(slot_uid__in=recorded_uids).values_list(
            "registration_id", "slot_uid"
        )
    )
    attended |= set(
        AgendaItem.objects.filter(
            slot_uid__in=[talk.uid for talk in unchecked if not talk.signup_required]
        ).values_list("registration_id", "slot_uid")
    )
    attended |= set(
        SessionSignup.objects.filter(
            slot_uid__in=[talk.uid for talk in unchecked], state=SessionSignup.State.CONFIRMED
        ).values_list("registration_id", "slot_uid")
    )
    attended -= set(
        Evaluation.objects.filter(slot_uid__in=[talk.uid for talk in talks]).values_list(
            "registration_id", "slot_uid"
        )
    )
    registrations = {
        registration.pk: registration
        for registration in Registration.objects.filter(
            pk__in={registration_id for registration_id, _ in attended},
            user__in=mail_recipients(kind=MailKind.EVALUATIONS),
        ).select_related("user")
    }
    invitations = []
    for (conference_id, day), day_talks in sorted(due.items(), key=lambda item: item[0]):
        conference = day_talks[0].schedule.conference
        for registration_id in sorted(registrations):
            registration = registrations[registration_id]
            if registration.conference_id != conference_id:
                continue
            sessions = [
                InvitedSession(uid=talk.uid, title=talk.display_title)
                for talk in day_talks
                if (registration_id, talk.uid) in attended
            ]
            if sessions:
                invitations.append(
                    EvaluationInvitation(
                        registration_id=registration_id,
                        user=registration.user,
                        conference=conference,
                        day=day,
                        sessions=sessions,
                    )
                )
    return invitations
