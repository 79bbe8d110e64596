"""The call for papers in the admin: submissions with their speakers, reviews and history,
the state-machine actions, invitations, reviews and the e-mail templates."""

from typing import ClassVar, cast

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Avg, Count
from django.db.models.query import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from events.cfp.mail import email_templates_restore
from events.cfp.selectors import alternate_offer
from events.cfp.services import (
    submission_promote_alternate,
    submission_remind_unconfirmed,
    submission_transition,
)
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


def _alternate_message(submission: Submission) -> str | None:
    """What to tell an organizer who has just taken a talk out of the program: the
    alternate that could take its place, linked to its page (with the Promote button)."""
    offer = alternate_offer(submission=submission)
    if offer is None:
        return None
    average = offer.average_score  # type: ignore[attr-defined]  # annotated by alternate_offer
    score = "not yet reviewed" if average is None else f"average score {average:.1f}"
    return format_html(
        "“{}” leaves a place: the best-scored alternate of its format is "
        '<a href="{}">“{}”</a> ({}); promote it from its page.',
        submission.title,
        reverse("admin:events_submission_change", args=[offer.pk]),
        offer.title,
        score,
    )


def _transition_action(to_state: str, label: str):
    """A bulk decision. Its mails to the speakers are held in one batch until an organizer
    approves them (members.services.mail_batches), so a slip of the checkbox mails no one."""

    @admin.action(description=label, permissions=["change"])
    def action(modeladmin, request: AuthenticatedHttpRequest, queryset: QuerySet) -> None:
        done, refused, offers = 0, [], []
        held = mail_batch_open(reason=f"Decision mails: {label.lower()}", actor=request.user)
        for submission in queryset:
            was_in_program = submission.state in Submission.SCHEDULABLE_STATES
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
                continue
            if was_in_program and to_state == Submission.State.WITHDRAWN:
                offers.append(_alternate_message(submission))
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
        for offer in offers:
            if offer is not None:
                modeladmin.message_user(request, offer, level=messages.WARNING)
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
    readonly_fields = ("state", "submitted_at", "created_at", "updated_at", "slides_link")
    autocomplete_fields = ("case_study",)
    formfield_overrides: ClassVar = {models.URLField: {"assume_scheme": "https"}}
    date_hierarchy = "submitted_at"
    inlines = (SubmissionSpeakerInline, InvitationInline, ReviewInline, TransitionInline)
    actions = (
        _transition_action(Submission.State.ACCEPTED, "Accept selected submissions"),
        _transition_action(Submission.State.ALTERNATE, "Accept selected submissions as alternates"),
        _transition_action(Submission.State.REJECTED, "Reject selected submissions"),
        _transition_action(Submission.State.WITHDRAWN, "Withdraw selected submissions"),
        remind_to_confirm,
    )

    def get_urls(self):
        return [
            path(
                "<int:submission_id>/promote/",
                self.admin_site.admin_view(require_POST(self.promote_view)),
                name="events_submission_promote",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """A talk taken out of the program offers the best-scored alternate of its format;
        an alternate offers itself. Either with a Promote button."""
        extra_context = dict(extra_context or {})
        submission = self.get_object(request, object_id)
        if submission is not None and self.has_change_permission(request, submission):
            if submission.state == Submission.State.ALTERNATE:
                extra_context["promotable"] = submission
            elif (
                submission.state == Submission.State.WITHDRAWN
                and submission.transitions.filter(
                    to_state=Submission.State.WITHDRAWN,
                    from_state__in=Submission.SCHEDULABLE_STATES,
                ).exists()
            ):
                extra_context["alternate_offer"] = alternate_offer(submission=submission)
                extra_context["promotable"] = extra_context["alternate_offer"]
        return super().change_view(request, object_id, form_url, extra_context)

    def promote_view(self, request: AuthenticatedHttpRequest, submission_id: int) -> HttpResponse:
        """Accept an alternate (events.cfp.services.submission_promote_alternate)."""
        submission = Submission.objects.filter(pk=submission_id).first()
        if submission is None:
            raise Http404("No such submission.")
        if not self.has_change_permission(request, submission):
            raise PermissionDenied
        try:
            submission_promote_alternate(
                submission=submission,
                actor=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), level=messages.ERROR)
        else:
            self.message_user(
                request, f"“{submission.title}” is accepted; its speakers are e-mailed."
            )
        return HttpResponseRedirect(reverse("admin:events_submission_change", args=[submission.pk]))

    def get_queryset(self, request):
        # The default manager's queryset, which the admin has only ordered.
        submissions = cast(SubmissionQuerySet, super().get_queryset(request))
        return submissions.with_speakers().annotate(
            _average=Avg("reviews__score"), _reviews=Count("reviews", distinct=True)
        )

    @admin.display(description="slides")
    def slides_link(self, submission: Submission) -> str:
        """The speakers' upload, through the view that checks who may download it."""
        if not submission.slides:
            return "None uploaded yet; the speakers upload them from My submissions."
        return format_html(
            '<a href="{}">Download</a> (uploaded {})',
            reverse("events:slides", args=[submission.conference.slug, submission.pk]),
            timezone.localtime(submission.slides_uploaded_at, submission.conference.tz).strftime(
                "%d %b %Y, %H:%M"
            )
            if submission.slides_uploaded_at
            else "at an unknown time",
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
    """The wording of the e-mails, with the placeholders each may use. The e-mails
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
