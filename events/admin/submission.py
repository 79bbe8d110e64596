"""The call for papers in the admin: submissions with their speakers, reviews and history,
the state-machine actions, invitations, reviews and the e-mail templates."""

from typing import ClassVar, cast

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Avg, Count
from django.db.models.query import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from events.cfp.mail import email_templates_restore
from events.cfp.services import submission_remind_unconfirmed, submission_transition
from events.models import (
    EmailTemplate,
    Review,
    Submission,
    SubmissionInvitation,
    SubmissionQuerySet,
    SubmissionSpeaker,
    SubmissionTransition,
)
from members.http import AuthenticatedHttpRequest
from members.services.mail_batches import mail_batch_open


class SubmissionSpeakerInline(admin.TabularInline):
    model = SubmissionSpeaker
    extra = 0
    fields = ("member", "is_primary", "order")
    autocomplete_fields = ("member",)


class ReviewInline(admin.TabularInline):
    model = Review
    extra = 0
    fields = ("reviewer", "score", "comment", "updated_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class TransitionInline(admin.TabularInline):
    model = SubmissionTransition
    extra = 0
    fields = ("created_at", "from_state", "to_state", "actor", "note")
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "state history"

    def has_add_permission(self, request, obj=None) -> bool:
        return False


def _transition_action(to_state: str, label: str):
    """A bulk decision. Its mails to the speakers are held in one batch until an organizer
    approves them (members.services.mail_batches), so a slip of the checkbox mails no one."""

    @admin.action(description=label, permissions=["change"])
    def action(modeladmin, request: AuthenticatedHttpRequest, queryset: QuerySet) -> None:
        done, refused = 0, []
        held = mail_batch_open(reason=f"Decision mails: {label.lower()}", actor=request.user)
        for submission in queryset:
            try:
                submission_transition(
                    submission=submission,
                    to_state=to_state,
                    actor=request.user,
                    base_url=request.build_absolute_uri("/"),
                    hold_mail=held,
                )
                done += 1
            except ValidationError as error:
                refused.append(f"“{submission.title}”: {' '.join(error.messages)}")
        if done:
            modeladmin.message_user(
                request,
                format_html(
                    "{} submission(s) now {}. Their speakers' e-mails are held until you "
                    '<a href="{}">approve them</a>.',
                    done,
                    to_state,
                    reverse("admin:members_mailbatch_change", args=[held.pk]),
                ),
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
    fields = ("email", "invited_by", "created_at", "accepted_at", "accepted_by")
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "co-speaker invitations"

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    # Explicit, because the score annotations leave the queryset unordered for the
    # autocomplete of the slot form.
    ordering = ("-conference__starts_on", "title", "pk")
    list_display = (
        "title",
        "state",
        "format",
        "track",
        "speaker_names",
        "average_score",
        "review_count",
    )
    list_filter = (
        "conference",
        "state",
        ConfirmationFilter,
        ("speakers__company", admin.RelatedOnlyFieldListFilter),
        "track",
        "format",
        "audience_level",
    )
    list_select_related = ("conference", "format", "track")
    search_fields = (
        "title",
        "abstract",
        "speakers__user__first_name",
        "speakers__user__last_name",
        "speakers__company__name",
    )
    readonly_fields = ("state", "submitted_at", "created_at", "updated_at")
    autocomplete_fields = ("case_study",)
    date_hierarchy = "submitted_at"
    inlines = (SubmissionSpeakerInline, InvitationInline, ReviewInline, TransitionInline)
    actions = (
        _transition_action(Submission.State.ACCEPTED, "Accept selected submissions"),
        _transition_action(Submission.State.REJECTED, "Reject selected submissions"),
        remind_to_confirm,
    )

    def get_queryset(self, request):
        # The default manager's queryset, which the admin has only ordered.
        submissions = cast(SubmissionQuerySet, super().get_queryset(request))
        return submissions.with_speakers().annotate(
            _average=Avg("reviews__score"), _reviews=Count("reviews", distinct=True)
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
        average = submission._average  # type: ignore[attr-defined]  # annotated by get_queryset
        return "–" if average is None else f"{average:.1f}"  # noqa: RUF001 - the page's own en dash

    @admin.display(description="reviews", ordering="_reviews")
    def review_count(self, submission: Submission) -> int:
        return submission._reviews  # type: ignore[attr-defined]  # annotated by get_queryset


@admin.register(SubmissionInvitation)
class SubmissionInvitationAdmin(admin.ModelAdmin):
    """Invitations speakers sent to co-speakers without an account; made on the site."""

    list_display = ("email", "submission", "invited_by", "created_at", "accepted_at")
    list_filter = (("accepted_at", admin.EmptyFieldListFilter), "submission__conference")
    list_select_related = ("submission", "invited_by")
    search_fields = ("email", "submission__title")
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(EmailTemplate)
class EmailTemplateAdmin(admin.ModelAdmin):
    """The wording of the e-mails, with the placeholders each may use. The five e-mails
    exist from the first migrate on; they are edited, not added or deleted."""

    list_display = ("name", "subject", "updated_at")
    search_fields = ("code", "subject", "body")
    fields = ("name", "available_placeholders", "subject", "body")
    readonly_fields = ("name", "available_placeholders")
    formfield_overrides: ClassVar = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 14})}
    }
    actions = ("restore_default",)

    @admin.display(description="e-mail", ordering="code")
    def name(self, template: EmailTemplate) -> str:
        return str(template)

    @admin.display(description="placeholders")
    def available_placeholders(self, template: EmailTemplate) -> str:
        return ", ".join(f"{{{name}}}" for name in template.placeholders)

    @admin.action(description="Restore the wording shipped with Guildhall", permissions=["change"])
    def restore_default(self, request: HttpRequest, queryset: QuerySet) -> None:
        restored = email_templates_restore(templates=queryset)
        self.message_user(request, f"Restored {restored} e-mail template(s).")

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SubmissionTransition)
class SubmissionTransitionAdmin(admin.ModelAdmin):
    """The record of every state change: read-only, as a record should be."""

    list_display = ("created_at", "submission", "from_state", "to_state", "actor")
    list_filter = ("to_state", "from_state", "submission__conference")
    list_select_related = ("submission", "actor")
    search_fields = ("submission__title", "actor__username", "actor__last_name", "note")
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

    list_display = ("submission", "reviewer", "score", "updated_at")
    list_filter = ("score", "submission__conference")
    list_select_related = ("submission", "reviewer")
    search_fields = ("submission__title", "reviewer__username", "reviewer__last_name", "comment")
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
