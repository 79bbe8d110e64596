"""The agenda builder: a custom admin view per conference where organizers drag talks into a
rooms-by-time grid, add blocks and release the schedule.

The page and its JSON endpoints are thin: every write goes through events.schedule.services
(slot_place, slot_move, slot_unschedule, slot_block_create, schedule_release), the same
functions the REST API and the slot admin call. Only organizers may use it; ConferenceAdmin
wires the URLs in through admin_view, which sends anyone else without staff access to the
login page.
"""

import datetime
from dataclasses import dataclass, field
from typing import cast

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from events.attendance.selectors import slot_capacity_warning
from events.models import AgendaItem, Conference, Schedule, Slot, Submission
from events.schedule.forms import (
    BlockForm,
    ReleaseForm,
    SlotMoveForm,
    SlotPlaceForm,
    SlotUnscheduleForm,
)
from events.schedule.selectors import agenda_board
from events.schedule.services import (
    ReleasePreview,
    schedule_release,
    schedule_release_preview,
    schedule_working,
    slot_block_create,
    slot_move,
    slot_place,
    slot_unschedule,
    validation_error_items,
)
from members.http import AuthenticatedHttpRequest
from members.roles import is_organizer

# The grid shows at least this stretch of each day, wider where slots lie outside it.
DAY_OPENS_MINUTE = 8 * 60
DAY_CLOSES_MINUTE = 19 * 60
# Refusals after which the page no longer shows the schedule as it is: reload it.
RELOAD_CODES = {"stale", "concurrent_change"}


@dataclass
class BoardSlot:
    """A slot as the grid places it: wall-clock minutes of its day, and what to flag.

    Not a SessionRow: the builder edits the working copy, so it keeps the Slot itself (its
    pk for the move, resize and unschedule endpoints, and `updated_at`, which a move sends
    back so that a slot changed since is refused as stale), with the stars and conflicts
    that only the organizers see. The public outputs read `events.schedule.rows` instead."""

    slot: Slot
    day: datetime.date
    start_minute: int
    end_minute: int
    stars: int = 0
    warning: str = ""
    conflicts: list[str] = field(default_factory=list)

    @property
    def version(self) -> str:
        return self.slot.updated_at.isoformat()

    @property
    def speakers(self) -> list:
        return (
            getattr(self.slot.submission, "board_speakers", []) if self.slot.submission_id else []
        )


@dataclass
class BoardDay:
    day: datetime.date
    first_minute: int
    last_minute: int
    slots: list[BoardSlot]

    @property
    def rows(self) -> int:
        return (self.last_minute - self.first_minute) // 5

    @property
    def hours(self) -> list[int]:
        return list(range(self.first_minute, self.last_minute, 30))


def _wall_minutes(moment: datetime.datetime, day: datetime.date, conference: Conference) -> int:
    local = timezone.localtime(moment, conference.tz)
    return (local.date() - day).days * 1440 + local.hour * 60 + local.minute


def _board_slot(slot: Slot, conference: Conference, stars: dict) -> BoardSlot:
    day = timezone.localtime(slot.start, conference.tz).date()
    count = stars.get(slot.uid, 0)
    return BoardSlot(
        slot=slot,
        day=day,
        start_minute=_wall_minutes(slot.start, day, conference),
        end_minute=_wall_minutes(slot.end, day, conference),
        stars=count,
        warning=slot_capacity_warning(slot=slot, stars=count),
    )


def _flag_speaker_conflicts(slots: list[BoardSlot]) -> None:
    """Mark talks whose speakers are in two places at once (possible when speakers were added
    to a talk after it was placed; the scheduling rule refuses any new such placement)."""
    talks = [item for item in slots if item.speakers]
    for position, item in enumerate(talks):
        for other in talks[position + 1 :]:
            if other.slot.start >= item.slot.end:
                break
            if other.slot.end <= item.slot.start:
                continue
            shared = {role.member_id for role in item.speakers} & {
                role.member_id for role in other.speakers
            }
            for role in item.speakers:
                if role.member_id in shared:
                    item.conflicts.append(
                        f"{role.member.name} also speaks in “{other.slot.display_title}”."
                    )
                    other.conflicts.append(
                        f"{role.member.name} also speaks in “{item.slot.display_title}”."
                    )


def _board_days(conference: Conference, days: list[datetime.date], slots, stars) -> list[BoardDay]:
    by_day: dict[datetime.date, list[BoardSlot]] = {day: [] for day in days}
    for slot in slots:
        item = _board_slot(slot, conference, stars)
        if item.day in by_day:
            by_day[item.day].append(item)
    board = []
    for day, items in by_day.items():
        _flag_speaker_conflicts(items)
        first = min([DAY_OPENS_MINUTE, *(item.start_minute for item in items)])
        last = max([DAY_CLOSES_MINUTE, *(item.end_minute for item in items)])
        board.append(
            BoardDay(
                day=day,
                first_minute=first // 60 * 60,
                last_minute=min(-(-last // 60) * 60, 1440),
                slots=items,
            )
        )
    return board


def _organizer_only(request: HttpRequest) -> None:
    if not is_organizer(request.user):
        raise PermissionDenied("Only organizers build the agenda.")


def _chosen_days(conference: Conference, value: str | None) -> list[datetime.date]:
    if value == "all":
        return conference.days
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        return conference.days[:1]
    return [day] if day in conference.days else conference.days[:1]


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _admin_context(request: HttpRequest) -> dict:
    """The stock admin chrome without the navigation sidebar: the grid needs the width, and
    the app list would cost the page two permission queries."""
    site = admin.site
    return {
        "site_title": site.site_title,
        "site_header": site.site_header,
        "site_url": site.site_url,
        "has_permission": site.has_permission(request),
        "is_nav_sidebar_enabled": False,
        "available_apps": [],
        "is_popup": False,
    }


@require_http_methods(["GET", "POST"])
def agenda_builder(request: AuthenticatedHttpRequest, conference_id: int) -> HttpResponse:
    """The grid of one day (`?day=YYYY-MM-DD`) or of all days (`?day=all`), the talks still
    to place, and the forms to add a block and to release the schedule."""
    _organizer_only(request)
    conference = get_object_or_404(Conference, pk=conference_id)
    days = _chosen_days(conference, request.GET.get("day"))
    here = request.get_full_path()
    block_form = release_form = None
    if request.method == "POST":
        if request.POST.get("action") == "release":
            release_form = ReleaseForm(request.POST)
            if release_form.is_valid():
                released = _release(request, conference, release_form, here)
                if released is not None:
                    return released
        else:
            block_form = _block_form(request, conference, request.POST)
            if block_form.is_valid():
                done = _add_block(request, conference, block_form)
                if done:
                    return redirect(here)
    starts = datetime.datetime.combine(days[0], datetime.time.min, tzinfo=conference.tz)
    ends = datetime.datetime.combine(
        days[-1] + datetime.timedelta(days=1), datetime.time.min, tzinfo=conference.tz
    )
    board = agenda_board(conference=conference, starts=starts, ends=ends)
    if block_form is None:
        block_form = BlockForm(
            conference=conference, rooms=board.rooms, initial={"day": days[0].isoformat()}
        )
    else:
        rooms_field = cast(forms.ChoiceField, block_form.fields["rooms"])
        rooms_field.choices = [(room.pk, room.name) for room in board.rooms]
    track_filter = _int_or_none(request.GET.get("track"))
    format_filter = _int_or_none(request.GET.get("format"))
    releases = list(
        Schedule.objects.released().filter(conference=conference).select_related("released_by")
    )
    context = {
        **_admin_context(request),
        "title": f"Agenda builder: {conference.name}",
        "conference": conference,
        "opts": Conference._meta,
        "days": _board_days(conference, days, board.slots, board.stars),
        "all_days": conference.days,
        "showing_all": len(days) > 1,
        "rooms": board.rooms,
        "unplaced": [
            talk
            for talk in board.unplaced
            if track_filter in (None, talk.track_id) and format_filter in (None, talk.format_id)
        ],
        "track_filter": track_filter,
        "format_filter": format_filter,
        "tracks": sorted(
            {talk.track for talk in board.unplaced if talk.track is not None},
            key=lambda track: (track.order, track.name),
        ),
        "formats": sorted(
            {talk.format for talk in board.unplaced},
            key=lambda form: (form.duration_minutes, form.name),
        ),
        "block_form": block_form,
        "release_form": release_form or ReleaseForm(),
        "releases": releases,
        "latest_version": releases[0].version if releases else "",
        "place_url": reverse("admin:events_conference_agenda_place", args=[conference.pk]),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "admin/events/conference/agenda_builder.html", context, status=status)


def _block_form(request: HttpRequest, conference: Conference, data) -> BlockForm:
    return BlockForm(data, conference=conference, rooms=list(conference.rooms.all()))


def _add_block(request: AuthenticatedHttpRequest, conference: Conference, form: BlockForm) -> bool:
    try:
        slots = slot_block_create(
            schedule=schedule_working(conference=conference),
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            start=form.cleaned_data["starts_at"],
            end=form.cleaned_data["ends_at"],
            rooms=form.cleaned_data["room_list"],
            actor=request.user,
        )
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return False
    where = (
        ", ".join(slot.room.name for slot in slots if slot.room is not None) or "the whole venue"
    )
    messages.success(request, f"Added “{slots[0].title}” in {where}.")
    return True


def _release(
    request: AuthenticatedHttpRequest, conference: Conference, form: ReleaseForm, here: str
) -> HttpResponse | None:
    """Release in two steps: the form shows what the release would do (the changelog and
    whom it mails), and only its confirmation, made on the same preview, releases."""
    try:
        preview = schedule_release_preview(
            conference=conference, version=form.cleaned_data["version"]
        )
        if form.cleaned_data["confirm"] != preview.fingerprint:
            return _release_confirm_page(
                request,
                conference,
                form,
                preview,
                here,
                changed_since=bool(form.cleaned_data["confirm"]),
            )
        release = schedule_release(
            conference=conference,
            version=form.cleaned_data["version"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for name, items in error.error_dict.items():
                form.add_error(name if name in form.fields else None, items)
        else:
            form.add_error(None, error)
        return None
    counts = ", ".join(
        f"{len(release.changelog.get(key, []))} {key}"
        for key in ("new", "moved", "changed", "cancelled")
    )
    messages.success(request, f"Released version {release.version}: {counts}.")
    return redirect(here)


CHANGE_HEADINGS = (
    ("new", "New"),
    ("moved", "Moved"),
    ("changed", "Changed"),
    ("cancelled", "Cancelled"),
)


def _release_confirm_page(
    request: AuthenticatedHttpRequest,
    conference: Conference,
    form: ReleaseForm,
    preview: ReleasePreview,
    here: str,
    *,
    changed_since: bool,
) -> HttpResponse:
    sections = [
        {
            "key": key,
            "heading": heading,
            "entries": [
                {
                    **entry,
                    "when": datetime.datetime.fromisoformat(entry["start"]).strftime(
                        "%a %d %b %H:%M"
                    ),
                }
                for entry in preview.changelog[key]
            ],
        }
        for key, heading in CHANGE_HEADINGS
    ]
    context = {
        **_admin_context(request),
        "title": f"Release version {form.cleaned_data['version']}?",
        "conference": conference,
        "opts": Conference._meta,
        "version": form.cleaned_data["version"],
        "note": form.cleaned_data["note"],
        "preview": preview,
        "counts": preview.counts,
        "sections": sections,
        "fingerprint": preview.fingerprint,
        "changed_since": changed_since,
        "back_url": here,
    }
    return render(request, "admin/events/conference/agenda_release_confirm.html", context)


# JSON endpoints for the builder's script


def _refusal(request: HttpRequest, error: ValidationError, status: int = 409) -> JsonResponse:
    codes = sorted({item.code for item in validation_error_items(error) if item.code})
    reload = bool(RELOAD_CODES & set(codes))
    if reload:
        for message in error.messages:
            messages.error(request, message)
    return JsonResponse(
        {"ok": False, "errors": error.messages, "codes": codes, "reload": reload}, status=status
    )


def _form_refusal(form) -> JsonResponse:
    errors = [message for messages_ in form.errors.values() for message in messages_]
    return JsonResponse(
        {"ok": False, "errors": errors, "codes": ["invalid"], "reload": False}, status=400
    )


def _slot_answer(request, conference: Conference, slot: Slot, message: str) -> JsonResponse:
    """The saved slot rendered as the grid shows it, for the script to put in place."""
    stars = {
        slot.uid: AgendaItem.objects.filter(
            registration__conference=conference, slot_uid=slot.uid
        ).count()
    }
    if slot.submission is not None:
        slot.submission.board_speakers = _speakers(slot.submission)
    item = _board_slot(slot, conference, stars)
    html = render_to_string(
        "admin/events/conference/_agenda_slot.html",
        {"item": item, "conference": conference},
        request=request,
    )
    warnings = [item.warning] if item.warning else []
    return JsonResponse(
        {
            "ok": True,
            "message": message,
            "warnings": warnings,
            "slot": {"id": slot.pk, "day": item.day.isoformat(), "html": html},
        }
    )


def _speakers(submission: Submission) -> list:
    return list(submission.submission_speakers.select_related("member__user", "member__company"))


def _working_slot(conference: Conference, slot_id: int) -> Slot:
    return get_object_or_404(
        Slot.objects.select_related("room", "submission__format", "submission__track"),
        pk=slot_id,
        schedule__conference=conference,
        schedule__version="",
    )


def _describe(slot: Slot, conference: Conference) -> str:
    start = timezone.localtime(slot.start, conference.tz)
    end = timezone.localtime(slot.end, conference.tz)
    where = slot.room.name if slot.room is not None else "the whole venue"
    return f"“{slot.display_title}”: {where}, {start:%a %d %b %H:%M}–{end:%H:%M}."  # noqa: RUF001 - the page's own en dash


@require_POST
def agenda_place(request: AuthenticatedHttpRequest, conference_id: int) -> JsonResponse:
    _organizer_only(request)
    conference = get_object_or_404(Conference, pk=conference_id)
    form = SlotPlaceForm(request.POST, conference=conference, rooms=list(conference.rooms.all()))
    if not form.is_valid():
        return _form_refusal(form)
    submission = (
        Submission.objects.filter(conference=conference, pk=form.cleaned_data["submission"])
        .select_related("format", "track")
        .first()
    )
    if submission is None:
        return JsonResponse(
            {
                "ok": False,
                "errors": ["That talk is not part of this conference."],
                "codes": ["talk"],
                "reload": False,
            },
            status=404,
        )
    try:
        slot = slot_place(
            schedule=schedule_working(conference=conference),
            submission=submission,
            room=form.cleaned_data["room"],
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            actor=request.user,
        )
    except ValidationError as error:
        return _refusal(request, error)
    return _slot_answer(request, conference, slot, f"Placed {_describe(slot, conference)}")


@require_POST
def agenda_move(
    request: AuthenticatedHttpRequest, conference_id: int, slot_id: int
) -> JsonResponse:
    _organizer_only(request)
    conference = get_object_or_404(Conference, pk=conference_id)
    slot = _working_slot(conference, slot_id)
    form = SlotMoveForm(request.POST, conference=conference, rooms=list(conference.rooms.all()))
    if not form.is_valid():
        return _form_refusal(form)
    try:
        slot = slot_move(
            slot=slot,
            room=form.cleaned_data["room"],
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            expected_updated_at=form.cleaned_data["version"],
            actor=request.user,
        )
    except ValidationError as error:
        return _refusal(request, error)
    return _slot_answer(request, conference, slot, f"Moved {_describe(slot, conference)}")


@require_POST
def agenda_unschedule(
    request: AuthenticatedHttpRequest, conference_id: int, slot_id: int
) -> JsonResponse:
    _organizer_only(request)
    conference = get_object_or_404(Conference, pk=conference_id)
    slot = _working_slot(conference, slot_id)
    form = SlotUnscheduleForm(request.POST)
    if not form.is_valid():
        return _form_refusal(form)
    try:
        slot_unschedule(
            slot=slot, expected_updated_at=form.cleaned_data["version"], actor=request.user
        )
    except ValidationError as error:
        return _refusal(request, error)
    answer: dict = {"ok": True, "slot": {"id": slot_id}}
    if slot.submission is not None:
        submission = slot.submission
        submission.board_speakers = _speakers(submission)
        answer["card_html"] = render_to_string(
            "admin/events/conference/_agenda_card.html", {"talk": submission}, request=request
        )
        answer["message"] = f"“{submission.title}” is back in the list of talks to place."
    else:
        answer["message"] = f"Deleted the block “{slot.title}”."
    return JsonResponse(answer)
