"""The schedule's one read model: each session of a schedule as a plain `SessionRow`, read in
a constant number of queries.

The calendar feeds, the conference-app formats, the printed programme and the public
schedule grid (with its "now and next") are all rendered from these rows.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import QuerySet

from events.models import Slot, Submission, SubmissionSpeaker
from members.models import CaseStudy


@dataclass(slots=True)
class SessionSpeaker:
    member_id: int
    name: str
    company: str  # empty for a guest speaker
    sort_name: str = ""  # "Last, First" where both are known, else the name
    company_id: int | None = None


@dataclass(slots=True, frozen=True)
class SessionCaseStudy:
    """The published case study a talk presents, as the printed programme lists it."""

    id: int
    title: str
    company: str
    results: str


@dataclass(slots=True)
class SessionRow:
    """A slot as the calendar feeds, the conference-app exports, the printed programme and
    the schedule page show it: plain values, no model instances (building ~10,000 of those
    cost a 600-session feed more than writing it)."""

    uid: uuid.UUID
    kind: str
    kind_label: str
    title: str  # the talk's title, or the block's
    abstract: str  # the talk's abstract, or the block's description
    start: datetime.datetime
    end: datetime.datetime
    cancelled: bool
    sequence: int
    changed_at: datetime.datetime | None  # when the release that last changed it came out
    is_talk: bool
    room_id: int | None
    room_name: str
    room_order: int
    room_capacity: int | None
    track_id: int | None
    track_name: str
    track_slug: str
    track_colour: str
    track_order: int
    format_name: str
    speakers: list[SessionSpeaker]
    description: str = ""  # the slot's own text, which the programme prints over the abstract
    audience_level_label: str = ""  # a talk's, e.g. "Beginner"
    case_study: SessionCaseStudy | None = None
    seats: int | None = None  # how many may sign up; None when the session needs no sign-up

    @property
    def display_title(self) -> str:
        """The title, under the name `Slot` gives it, so that templates shared with pages
        that show whole slots (the star form) read either."""
        return self.title


_SESSION_FIELDS = (
    "uid",
    "kind",
    "title",
    "description",
    "start",
    "end",
    "cancelled",
    "sequence",
    "changed_in__released_at",
    "room_id",
    "room__name",
    "room__order",
    "room__capacity",
    "submission_id",
    "submission__title",
    "submission__abstract",
    "submission__track_id",
    "submission__track__name",
    "submission__track__slug",
    "submission__track__colour",
    "submission__track__order",
    "submission__format__name",
    "submission__audience_level",
    "submission__case_study_id",
    "submission__case_study__title",
    "submission__case_study__results",
    "submission__case_study__state",
    "submission__case_study__company__name",
    "signup_required",
    "signup_cap",
)


def session_rows(*, slots: QuerySet) -> list[SessionRow]:
    """The given slots (e.g. `Slot.objects.filter(schedule=release)`) as SessionRows in time
    and room order, speakers primary first, with the published case study a talk presents.
    Two queries however many slots there are."""
    rows = list(
        slots.order_by("start", "room__order", "room__name", "pk").values_list(*_SESSION_FIELDS)
    )
    speakers: dict[int, list[SessionSpeaker]] = {}
    submission_ids = {row[13] for row in rows if row[13] is not None}
    if submission_ids:
        for submission_id, member_id, first, last, username, company, company_id in (
            SubmissionSpeaker.objects.filter(submission_id__in=submission_ids)
            .order_by("submission_id", "-is_primary", "order", "pk")
            .values_list(
                "submission_id",
                "member_id",
                "member__user__first_name",
                "member__user__last_name",
                "member__user__username",
                "member__company__name",
                "member__company_id",
            )
        ):
            name = f"{first} {last}".strip() or username  # as Member.name
            speakers.setdefault(submission_id, []).append(
                SessionSpeaker(
                    member_id=member_id,
                    name=name,
                    company=company or "",
                    sort_name=f"{last}, {first}" if first and last else name,
                    company_id=company_id,
                )
            )
    labels = dict(Slot.Kind.choices)
    levels = dict(Submission.AudienceLevel.choices)
    return [
        SessionRow(
            uid=uid,
            kind=kind,
            kind_label=labels.get(kind, kind),
            title=talk_title if submission_id is not None else title,
            abstract=abstract if submission_id is not None else description,
            start=start,
            end=end,
            cancelled=cancelled,
            sequence=sequence,
            changed_at=changed_at,
            is_talk=submission_id is not None,
            room_id=room_id,
            room_name=room_name or "",
            room_order=room_order or 0,
            room_capacity=room_capacity,
            track_id=track_id,
            track_name=track_name or "",
            track_slug=track_slug or "",
            track_colour=track_colour or "",
            track_order=track_order or 0,
            format_name=format_name or "",
            speakers=speakers.get(submission_id, []),
            description=description,
            audience_level_label=levels.get(level, level or ""),
            case_study=SessionCaseStudy(
                id=study_id, title=study_title, company=study_company, results=study_results
            )
            if study_id is not None and study_state == CaseStudy.State.PUBLISHED
            else None,
            seats=(signup_cap or room_capacity) if signup_required else None,
        )
        for (
            uid,
            kind,
            title,
            description,
            start,
            end,
            cancelled,
            sequence,
            changed_at,
            room_id,
            room_name,
            room_order,
            room_capacity,
            submission_id,
            talk_title,
            abstract,
            track_id,
            track_name,
            track_slug,
            track_colour,
            track_order,
            format_name,
            level,
            study_id,
            study_title,
            study_results,
            study_state,
            study_company,
            signup_required,
            signup_cap,
        ) in rows
    ]
