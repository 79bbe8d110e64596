"""The conference in the admin: its dates, timezone and call for papers, with rooms, tracks
and formats inline, and the doors to the agenda builder and the printed programme."""

import zoneinfo
from typing import ClassVar

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils import timezone

from events.models import (
    Conference,
    Room,
    SessionFormat,
    Track,
)
from events.schedule import builder
from events.schedule.program import program_pdf_build
from members.roles import is_organizer


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0
    fields = ("name", "capacity", "order")


class TrackInline(admin.TabularInline):
    model = Track
    extra = 0
    fields = ("name", "slug", "colour", "order")
    prepopulated_fields: ClassVar = {"slug": ["name"]}


class SessionFormatInline(admin.TabularInline):
    model = SessionFormat
    extra = 0
    formfield_overrides: ClassVar = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}
    }
    fields = ("name", "slug", "duration_minutes", "credit_hours", "description")
    prepopulated_fields: ClassVar = {"slug": ["name"]}


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
        fields = (
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
            "materials_public_from",
        )
        help_texts: ClassVar = {
            "cfp_opens_at": "Local time at the conference.",
            "cfp_closes_at": "Local time at the conference; submissions close at this instant.",
        }
        widgets: ClassVar = {"venue_address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            _show_wall_clock(self, self.LOCAL_FIELDS, self.instance.tz)

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        if "timezone" in cleaned:
            _read_wall_clock(cleaned, self.LOCAL_FIELDS, zoneinfo.ZoneInfo(cleaned["timezone"]))
        return cleaned


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    form = ConferenceAdminForm
    list_display = ("name", "year", "starts_on", "ends_on", "venue", "timezone", "cfp_closes_at")
    list_filter = ("year",)
    search_fields = ("name", "slug", "venue")
    prepopulated_fields: ClassVar = {"slug": ["name"]}
    date_hierarchy = "starts_on"
    inlines = (RoomInline, TrackInline, SessionFormatInline)
    fieldsets = (
        (None, {"fields": ["name", "slug", "year", "starts_on", "ends_on", "timezone"]}),
        ("Venue", {"fields": ["venue", "venue_address", "welcome_text"]}),
        (
            "Call for papers",
            {"fields": ["cfp_text", "cfp_opens_at", "cfp_closes_at", "reviews_anonymous"]},
        ),
        ("Slides and recordings", {"fields": ["materials_public_from"]}),
    )

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
