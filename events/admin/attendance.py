"""Registrations, starred sessions, check-ins and the sign-ups of sessions with a cap in the
admin."""

from django.contrib import admin
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from events.models import (
    AgendaItem,
    CheckIn,
    Registration,
    SessionAttendance,
    SessionSignup,
    Slot,
)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("user", "conference", "pass_type", "created_at")
    list_filter = ("conference", "pass_type")
    list_select_related = ("user", "conference")
    search_fields = ("user__username", "user__email", "user__first_name", "user__last_name")
    raw_id_fields = ("user",)
    readonly_fields = ("last_seen_release",)
    date_hierarchy = "created_at"


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ("registration", "slot_uid", "created_at")
    list_filter = ("registration__conference",)
    list_select_related = ("registration__user", "registration__conference")
    search_fields = ("registration__user__username", "registration__user__email")
    raw_id_fields = ("registration",)


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    """Read-only: check-ins are made by scanning badges (events.checkin.services)."""

    list_display = ("registration", "day", "at", "by")
    list_filter = ("registration__conference", "day")
    list_select_related = ("registration__user", "registration__conference", "by")
    search_fields = ("registration__user__username", "registration__user__last_name")
    raw_id_fields = ("registration", "by")
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SessionAttendance)
class SessionAttendanceAdmin(admin.ModelAdmin):
    """Read-only: attendance is recorded by scanning badges (events.checkin.services)."""

    list_display = ("registration", "slot_uid", "at", "by")
    list_filter = ("registration__conference",)
    list_select_related = ("registration__user", "registration__conference", "by")
    search_fields = ("registration__user__username", "registration__user__last_name")
    raw_id_fields = ("registration", "by")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


def _released_signup_sessions() -> QuerySet:
    return Slot.objects.exclude(schedule__version="").filter(signup_required=True)


class SessionFilter(admin.SimpleListFilter):
    """The sessions that require sign-up in each conference's releases, by uid."""

    title = "session"
    parameter_name = "session"

    def lookups(self, request, model_admin):
        seen: dict[str, str] = {}
        sessions = (
            _released_signup_sessions()
            .select_related("submission", "schedule__conference")
            .order_by("schedule__conference__name", "start", "-schedule__released_at")
        )
        for slot in sessions:
            seen.setdefault(
                str(slot.uid), f"{slot.display_title} ({slot.schedule.conference.name})"
            )
        return list(seen.items())

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(slot_uid=self.value())
        return queryset


@admin.register(SessionSignup)
class SessionSignupAdmin(admin.ModelAdmin):
    """Who has a seat at each session with sign-up and who waits, in waitlist order.

    Read only: sign-ups change through events.attendance.services, which keeps the cap and
    promotes the waitlist; organizers look here, attendees act on the site or the API.
    """

    list_display = ("session", "attendee", "state", "position", "created_at", "promoted_at")
    list_filter = (SessionFilter, "state", "registration__conference")
    list_select_related = ("registration__user", "registration__conference")
    search_fields = (
        "registration__user__username",
        "registration__user__email",
        "registration__user__last_name",
    )
    ordering = ("slot_uid", "state", "position")

    def get_queryset(self, request) -> QuerySet:
        # The title from the latest release that has the session, in the same query.
        title = (
            _released_signup_sessions()
            .filter(uid=OuterRef("slot_uid"))
            .order_by("-schedule__released_at")
            .annotate(name=Coalesce("submission__title", "title"))
            .values("name")[:1]
        )
        return super().get_queryset(request).annotate(session_title=Subquery(title))

    @admin.display(description="session", ordering="session_title")
    def session(self, signup: SessionSignup) -> str:
        return getattr(signup, "session_title", None) or str(signup.slot_uid)

    @admin.display(description="attendee", ordering="registration__user__last_name")
    def attendee(self, signup: SessionSignup) -> str:
        user = signup.registration.user
        return user.get_full_name() or user.get_username()

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
