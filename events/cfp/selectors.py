"""Reads for speakers: their own submissions with what they may do next; for organizers, the
alternate to offer when a talk drops out; and for everyone, whether they may see a talk's
slides and recording."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Avg, Count, F, Prefetch

from events.models import (
    Conference,
    Schedule,
    Submission,
    SubmissionInvitation,
    SubmissionTransition,
)
from members.models import Member
from members.roles import is_organizer
from members.selectors import membership_current


def submissions_of_speaker(*, user):
    """Every submission the user speaks on, newest conference first, with what the
    "My submissions" page shows: conference, format, track, case study, speakers, the state
    history with who made each change, and the open co-speaker invitations. A fixed
    number of queries however many there are."""
    return (
        Submission.objects.filter(submission_speakers__member__user=user)
        .select_related("conference", "format", "track", "case_study")
        .with_speakers()
        .prefetch_related(
            Prefetch(
                "transitions",
                queryset=SubmissionTransition.objects.select_related("actor").order_by(
                    "created_at", "pk"
                ),
            ),
            Prefetch(
                "invitations",
                queryset=SubmissionInvitation.objects.filter(accepted_at__isnull=True),
                to_attr="open_invitations",
            ),
        )
        .order_by("-conference__starts_on", "-created_at", "-pk")
    )


def conferences_released(*, conference_ids) -> set[int]:
    """Which of the conferences have released an agenda (speakers withdraw only before)."""
    return set(
        Schedule.objects.released()
        .filter(conference_id__in=conference_ids)
        .values_list("conference_id", flat=True)
    )


def alternate_offer(*, submission: Submission) -> Submission | None:
    """The alternate to offer in place of a withdrawn talk: of the same conference and
    format, the best average review score first (as `average_score`, with `review_count`),
    unreviewed ones last, then the earliest submitted. None when there is none."""
    return (
        Submission.objects.filter(
            conference_id=submission.conference_id,
            format_id=submission.format_id,
            state=Submission.State.ALTERNATE,
        )
        .exclude(pk=submission.pk)
        .annotate(average_score=Avg("reviews__score"), review_count=Count("reviews"))
        .order_by(F("average_score").desc(nulls_last=True), "submitted_at", "pk")
        .first()
    )


# Slides and recordings


@dataclass(frozen=True)
class MaterialsViewer:
    """What the slides-and-recordings rule needs to know of the person looking, read once
    per request (materials_viewer) however many talks a page or API list shows."""

    user_id: int | None
    privileged: bool
    # Why they are not a member in good standing today, or "" when they are.
    standing_refusal: str


def materials_viewer(*, user: User | AnonymousUser, on: datetime.date) -> MaterialsViewer:
    """The viewer as the rule sees them on that day: organizers and staff see every talk's
    materials; a person at a company whose membership is current (members.selectors.
    membership_current, grace period included) sees those of talks in the program. At most
    two queries, none for an anonymous visitor."""
    if not user.is_authenticated:
        return MaterialsViewer(user_id=None, privileged=False, standing_refusal="anonymous")
    if is_organizer(user) or (user.is_staff and user.is_active):
        return MaterialsViewer(user_id=user.pk, privileged=True, standing_refusal="")
    member = Member.objects.select_related("company").filter(user=user).first()
    if member is None or member.company is None:
        refusal = "no company"
    elif membership_current(company=member.company, on=on) is None:
        refusal = (
            f"{member.company.name}'s membership is not active; your company's primary "
            "contact can renew it."
        )
    else:
        refusal = ""
    return MaterialsViewer(user_id=user.pk, privileged=False, standing_refusal=refusal)


def materials_refusal(
    *,
    viewer: MaterialsViewer,
    submission: Submission,
    now: datetime.datetime,
    conference: Conference | None = None,
) -> str | None:
    """Why the viewer may not see the talk's slides and recording at `now`, or None when
    they may. The one place the rule is written: pages, the slides download, the API and
    the case-study page ask it.

    Organizers and staff may; so may the talk's own speakers. Otherwise the talk must be in
    the program (accepted or confirmed), and the viewer a member of a company in good
    standing, or the day (in the conference's timezone) on or after the conference's
    materials_public_from. `conference` is the submission's, given where it is already
    loaded. The talk's speakers are read only when the rest refuses (prefetch
    submission_speakers with their members for a list).
    """
    if viewer.privileged:
        return None
    conference = conference or submission.conference
    if submission.state not in Submission.SCHEDULABLE_STATES:
        refusal = "This talk is not in the program."
    elif not viewer.standing_refusal or conference.materials_public(now):
        return None
    else:
        refusal = (
            f"The slides and recordings of {conference.name} are for people at member "
            "companies in good standing."
        )
        if viewer.standing_refusal not in ("anonymous", "no company"):
            refusal += f" {viewer.standing_refusal}"
        if conference.materials_public_from is not None:
            day = conference.materials_public_from
            refusal += f" Everyone may see them from {day.day} {day:%B %Y}."
    if viewer.user_id is not None and any(
        role.member.user_id == viewer.user_id for role in submission.submission_speakers.all()
    ):
        return None
    return refusal


@dataclass(frozen=True)
class SessionMaterials:
    """A talk's slides and recording as one viewer may see them: what exists, and either the
    refusal or what to link to."""

    has_slides: bool
    has_recording: bool
    refusal: str | None
    recording_url: str

    @property
    def visible(self) -> bool:
        return self.refusal is None


def session_materials(
    *,
    viewer: MaterialsViewer,
    submission: Submission | None,
    now: datetime.datetime,
    conference: Conference | None = None,
) -> SessionMaterials | None:
    """The talk's slides and recording for the viewer (materials_refusal decides), or None
    when the talk has neither. The recording link is given only to those who may see it."""
    if submission is None or not (submission.slides or submission.recording_url):
        return None
    refusal = materials_refusal(
        viewer=viewer, submission=submission, now=now, conference=conference
    )
    return SessionMaterials(
        has_slides=bool(submission.slides),
        has_recording=bool(submission.recording_url),
        refusal=refusal,
        recording_url=submission.recording_url if refusal is None else "",
    )
