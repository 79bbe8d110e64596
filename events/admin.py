"""Admin for conferences, submissions, reviews, e-mail templates, schedules, slots and
registrations.

State changes and slot saves go through events.services, the same functions every other
writer calls; the admin only offers them.
"""

import zoneinfo

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Avg, Count
from django.db.models.query import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from audit.services import Action, audit_record
from events import builder, emails
from events.exports.program_pdf import program_pdf_build
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
)
from events.services import (
    slot_check,
    slot_save,
    submission_remind_unconfirmed,
    submission_transition,
)
from members.roles import is_organizer


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0
    fields = ["name", "capacity", "order"]


class TrackInline(admin.TabularInline):
    model = Track
    extra = 0
    fields = ["name", "slug", "colour", "order"]
    prepopulated_fields = {"slug": ["name"]}


class SessionFormatInline(admin.TabularInline):
    model = SessionFormat
    extra = 0
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}
    fields = ["name", "slug", "duration_minutes", "description"]
    prepopulated_fields = {"slug": ["name"]}


def _show_wall_clock(form: forms.ModelForm, names: tuple[str, ...], tz) -> None:
    """Give the form's stored instants as naive wall-clock times in the timezone."""
    for name in names:
        value = getattr(form.instance, name)
        if value is not None:
            form.initial[name] = timezone.localtime(value, tz).replace(tzinfo=None)


def _read_wall_clock(cleaned: dict, names: tuple[str, ...], tz) -> None:
    """Read the typed times as wall-clock times in the timezone, not the server's."""
    for name in names:
        if cleaned.get(name) is not None:
            cleaned[name] = timezone.make_aware(timezone.make_naive(cleaned[name]), tz)


class ConferenceAdminForm(forms.ModelForm):
    """The call for papers opens and closes at wall-clock times of the conference."""

    LOCAL_FIELDS = ("cfp_opens_at", "cfp_closes_at")

    class Meta:
        model = Conference
        fields = [
            "name",
            "slug",
            "year",
            "starts_on",
            "ends_on",
            "timezone",
            "venue",
            "venue_address",
            "welcome_text",
            "cfp_text",
            "cfp_opens_at",
            "cfp_closes_at",
            "reviews_anonymous",
        ]
        help_texts = {
            "cfp_opens_at": "Local time at the conference.",
            "cfp_closes_at": "Local time at the conference; submissions close at this instant.",
        }
        widgets = {"venue_address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            _show_wall_clock(self, self.LOCAL_FIELDS, self.instance.tz)

    def clean(self) -> dict:
        cleaned = super().clean()
        if "timezone" in cleaned:
            _read_wall_clock(cleaned, self.LOCAL_FIELDS, zoneinfo.ZoneInfo(cleaned["timezone"]))
        return cleaned


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    form = ConferenceAdminForm
    list_display = ["name", "year", "starts_on", "ends_on", "venue", "timezone", "cfp_closes_at"]
    list_filter = ["year"]
    search_fields = ["name", "slug", "venue"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "starts_on"
    inlines = [RoomInline, TrackInline, SessionFormatInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "year", "starts_on", "ends_on", "timezone"]}),
        ("Venue", {"fields": ["venue", "venue_address", "welcome_text"]}),
        (
            "Call for papers",
            {"fields": ["cfp_text", "cfp_opens_at", "cfp_closes_at", "reviews_anonymous"]},
        ),
    ]

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        return [
            path(
                "<int:conference_id>/agenda/",
                wrap(builder.agenda_builder),
                name="events_conference_agenda",
            ),
            path(
                "<int:conference_id>/agenda/place/",
                wrap(builder.agenda_place),
                name="events_conference_agenda_place",
            ),
            path(
                "<int:conference_id>/agenda/slots/<int:slot_id>/move/",
                wrap(builder.agenda_move),
                name="events_conference_agenda_move",
            ),
            path(
                "<int:conference_id>/agenda/slots/<int:slot_id>/unschedule/",
                wrap(builder.agenda_unschedule),
                name="events_conference_agenda_unschedule",
            ),
            path(
                "<path:object_id>/program-preview/",
                wrap(self.program_preview),
                name="events_conference_program_preview",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if is_organizer(request.user):
            extra_context["program_preview_url"] = reverse(
                "admin:events_conference_program_preview", args=[object_id]
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def program_preview(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The printed programme of the working copy, as it would look if released now."""
        if not is_organizer(request.user):
            raise PermissionDenied
        conference = self.get_object(request, object_id)
        if conference is None:
            raise Http404("No such conference.")
        working = conference.schedules.filter(version="").first()
        body = program_pdf_build(conference=conference, schedule=working)
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="{conference.slug}-programme-working-copy.pdf"'
        )
        response["Cache-Control"] = "no-store"
        return response


class SubmissionSpeakerInline(admin.TabularInline):
    model = SubmissionSpeaker
    extra = 0
    fields = ["member", "is_primary", "order"]
    autocomplete_fields = ["member"]


class ReviewInline(admin.TabularInline):
    model = Review
    extra = 0
    fields = ["reviewer", "score", "comment", "updated_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class TransitionInline(admin.TabularInline):
    model = SubmissionTransition
    extra = 0
    fields = ["created_at", "from_state", "to_state", "actor", "note"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "state history"

    def has_add_permission(self, request, obj=None) -> bool:
        return False


def _transition_action(to_state: str, label: str):
    @admin.action(description=label, permissions=["change"])
    def action(modeladmin, request: HttpRequest, queryset: QuerySet) -> None:
        done, refused = 0, []
        for submission in queryset:
            try:
                submission_transition(
                    submission=submission,
                    to_state=to_state,
                    actor=request.user,
                    base_url=request.build_absolute_uri("/"),
                )
                done += 1
            except ValidationError as error:
                refused.append(f"“{submission.title}”: {' '.join(error.messages)}")
        if done:
            modeladmin.message_user(
                request, f"{done} submission(s) now {to_state}; their speakers are e-mailed."
            )
        for line in refused:
            modeladmin.message_user(request, line, level=messages.ERROR)

    action.__name__ = f"make_{to_state}"
    return action


@admin.action(description="Remind speakers of accepted talks to confirm", permissions=["change"])
def remind_to_confirm(modeladmin, request: HttpRequest, queryset: QuerySet) -> None:
    reminded = submission_remind_unconfirmed(
        submissions=queryset, base_url=request.build_absolute_uri("/")
    )
    skipped = len(queryset) - reminded
    modeladmin.message_user(
        request,
        f"Reminded the speakers of {reminded} accepted submission(s)"
        + (f"; {skipped} not awaiting confirmation were left out." if skipped else "."),
    )


class ConfirmationFilter(admin.SimpleListFilter):
    """Who still has to confirm: accepted talks are waiting for their speakers."""

    title = "speaker confirmation"
    parameter_name = "confirmation"

    def lookups(self, request, model_admin):
        return [("waiting", "Not yet confirmed"), ("confirmed", "Confirmed")]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(state=Submission.State.ACCEPTED)
        if self.value() == "confirmed":
            return queryset.filter(state=Submission.State.CONFIRMED)
        return queryset


class InvitationInline(admin.TabularInline):
    model = SubmissionInvitation
    extra = 0
    fields = ["email", "invited_by", "created_at", "accepted_at", "accepted_by"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "co-speaker invitations"

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    # Explicit, because the score annotations leave the queryset unordered for the
    # autocomplete of the slot form.
    ordering = ["-conference__starts_on", "title", "pk"]
    list_display = [
        "title",
        "state",
        "format",
        "track",
        "speaker_names",
        "average_score",
        "review_count",
    ]
    list_filter = [
        "conference",
        "state",
        ConfirmationFilter,
        ("speakers__company", admin.RelatedOnlyFieldListFilter),
        "track",
        "format",
        "audience_level",
    ]
    list_select_related = ["conference", "format", "track"]
    search_fields = [
        "title",
        "abstract",
        "speakers__user__first_name",
        "speakers__user__last_name",
        "speakers__company__name",
    ]
    readonly_fields = ["state", "submitted_at", "created_at", "updated_at"]
    autocomplete_fields = ["case_study"]
    date_hierarchy = "submitted_at"
    inlines = [SubmissionSpeakerInline, InvitationInline, ReviewInline, TransitionInline]
    actions = [
        _transition_action(Submission.State.ACCEPTED, "Accept selected submissions"),
        _transition_action(Submission.State.REJECTED, "Reject selected submissions"),
        remind_to_confirm,
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_speakers()
            .annotate(_average=Avg("reviews__score"), _reviews=Count("reviews", distinct=True))
        )

    @admin.display(description="speakers")
    def speaker_names(self, submission: Submission) -> str:
        return format_html_join(
            ", ",
            "{} ({})",
            (
                (role.member.name, role.member.company or "guest")
                for role in submission.submission_speakers.all()
            ),
        )

    @admin.display(description="avg score", ordering="_average")
    def average_score(self, submission: Submission) -> str:
        return "–" if submission._average is None else f"{submission._average:.1f}"

    @admin.display(description="reviews", ordering="_reviews")
    def review_count(self, submission: Submission) -> int:
        return submission._reviews


@admin.register(SubmissionInvitation)
class SubmissionInvitationAdmin(admin.ModelAdmin):
    """Invitations speakers sent to co-speakers without an account; made on the site."""

    list_display = ["email", "submission", "invited_by", "created_at", "accepted_at"]
    list_filter = [("accepted_at", admin.EmptyFieldListFilter), "submission__conference"]
    list_select_related = ["submission", "invited_by"]
    search_fields = ["email", "submission__title"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(EmailTemplate)
class EmailTemplateAdmin(admin.ModelAdmin):
    """The wording of the e-mails, with the placeholders each may use. The five e-mails
    exist from the first migrate on; they are edited, not added or deleted."""

    list_display = ["name", "subject", "updated_at"]
    search_fields = ["code", "subject", "body"]
    fields = ["name", "available_placeholders", "subject", "body"]
    readonly_fields = ["name", "available_placeholders"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 14})}}
    actions = ["restore_default"]

    @admin.display(description="e-mail", ordering="code")
    def name(self, template: EmailTemplate) -> str:
        return str(template)

    @admin.display(description="placeholders")
    def available_placeholders(self, template: EmailTemplate) -> str:
        return ", ".join(f"{{{name}}}" for name in template.placeholders)

    @admin.action(description="Restore the wording shipped with Guildhall", permissions=["change"])
    def restore_default(self, request: HttpRequest, queryset: QuerySet) -> None:
        restored = 0
        for template in queryset:
            if template.code in emails.DEFAULTS:
                template.subject, template.body = emails.DEFAULTS[template.code]
                template.save(update_fields=["subject", "body", "updated_at"])
                restored += 1
        self.message_user(request, f"Restored {restored} e-mail template(s).")

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SubmissionTransition)
class SubmissionTransitionAdmin(admin.ModelAdmin):
    """The record of every state change: read-only, as a record should be."""

    list_display = ["created_at", "submission", "from_state", "to_state", "actor"]
    list_filter = ["to_state", "from_state", "submission__conference"]
    list_select_related = ["submission", "actor"]
    search_fields = ["submission__title", "actor__username", "actor__last_name", "note"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """Reviews are the program committee's own words: organizers read them here."""

    list_display = ["submission", "reviewer", "score", "updated_at"]
    list_filter = ["score", "submission__conference"]
    list_select_related = ["submission", "reviewer"]
    search_fields = ["submission__title", "reviewer__username", "reviewer__last_name", "comment"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    list_display = [
        "conference",
        "version_label",
        "released_at",
        "released_by",
        "slot_count",
        "change_summary",
    ]
    list_filter = ["conference"]
    list_select_related = ["conference", "released_by"]
    search_fields = ["conference__name", "version", "note"]
    readonly_fields = ["conference", "version", "released_at", "released_by", "changes"]
    fields = ["conference", "version", "released_at", "released_by", "note", "changes"]
    date_hierarchy = "released_at"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_slots=Count("slots"))

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description="version", ordering="version")
    def version_label(self, schedule: Schedule) -> str:
        return schedule.version or "working copy"

    @admin.display(description="slots", ordering="_slots")
    def slot_count(self, schedule: Schedule) -> int:
        return schedule._slots

    @admin.display(description="changes")
    def change_summary(self, schedule: Schedule) -> str:
        if schedule.is_working_copy:
            return "–"
        return ", ".join(
            f"{len(schedule.changelog.get(key, []))} {key}"
            for key in ("new", "moved", "changed", "cancelled")
        )

    @admin.display(description="changelog")
    def changes(self, schedule: Schedule) -> str:
        sections = []
        for key, label in [
            ("new", "New"),
            ("moved", "Moved"),
            ("changed", "Changed"),
            ("cancelled", "Cancelled"),
        ]:
            entries = schedule.changelog.get(key, [])
            if entries:
                items = format_html_join(
                    "",
                    "<li>{} ({}, {})</li>",
                    (
                        (e["title"], e["start"][:16].replace("T", " "), e["room"] or "all rooms")
                        for e in entries
                    ),
                )
                sections.append(format_html("<p><strong>{}</strong></p><ul>{}</ul>", label, items))
        if not sections:
            return "No changes recorded."
        return format_html_join("", "{}", ((section,) for section in sections))


class SlotAdminForm(forms.ModelForm):
    """Times are typed and shown as wall-clock times of the conference, whatever the server's
    timezone, because that is what the printed agenda says."""

    class Meta:
        model = Slot
        fields = ["schedule", "kind", "room", "start", "end", "submission", "title", "description"]
        help_texts = {
            "start": "Local time at the conference.",
            "end": "Local time at the conference.",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            _show_wall_clock(self, ("start", "end"), self.instance.schedule.conference.tz)

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("schedule") is not None:
            _read_wall_clock(cleaned, ("start", "end"), cleaned["schedule"].conference.tz)
        return cleaned

    def _post_clean(self) -> None:
        super()._post_clean()
        if self.errors:
            return
        try:
            slot_check(slot=self.instance)
        except ValidationError as error:
            self.add_error(None, error)


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    form = SlotAdminForm
    list_display = ["local_time", "room", "kind", "display_title", "schedule", "cancelled"]
    list_filter = ["schedule__conference", "schedule", "kind", "room", "cancelled"]
    list_select_related = ["room", "submission", "schedule__conference"]
    search_fields = ["title", "submission__title"]
    autocomplete_fields = ["submission"]
    date_hierarchy = "start"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "schedule":
            kwargs["queryset"] = Schedule.objects.filter(version="").select_related("conference")
        if db_field.name == "room":
            kwargs["queryset"] = Room.objects.select_related("conference")
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "room":
            field.label_from_instance = lambda room: f"{room.name} ({room.conference.name})"
        return field

    @admin.display(description="time at the conference", ordering="start")
    def local_time(self, slot: Slot) -> str:
        conference = slot.schedule.conference
        start = timezone.localtime(slot.start, conference.tz)
        end = timezone.localtime(slot.end, conference.tz)
        return f"{start:%a %d %b %H:%M}–{end:%H:%M} ({conference.timezone})"

    def _is_released(self, obj: Slot | None) -> bool:
        return obj is not None and not obj.schedule.is_working_copy

    def has_change_permission(self, request, obj=None) -> bool:
        return not self._is_released(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not self._is_released(obj) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj: Slot, form, change: bool) -> None:
        slot_save(slot=obj, actor=request.user)

    def delete_model(self, request, obj: Slot) -> None:
        audit_record(actor=request.user, action=Action.SLOT_DELETED, target=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset: QuerySet) -> None:
        for slot in queryset.select_related("room", "submission"):
            audit_record(actor=request.user, action=Action.SLOT_DELETED, target=slot)
        super().delete_queryset(request, queryset)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["user", "conference", "pass_type", "created_at"]
    list_filter = ["conference", "pass_type"]
    list_select_related = ["user", "conference"]
    search_fields = ["user__username", "user__email", "user__first_name", "user__last_name"]
    raw_id_fields = ["user"]
    readonly_fields = ["last_seen_release"]
    date_hierarchy = "created_at"


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["registration", "slot_uid", "created_at"]
    list_filter = ["registration__conference"]
    list_select_related = ["registration__user", "registration__conference"]
    search_fields = ["registration__user__username", "registration__user__email"]
    raw_id_fields = ["registration"]
