"""Evaluations and certificates in the admin: the evaluations as a read-only changelist, the
results of every session of a conference on one page, and the certificates issued.

Evaluations and certificates are written by attendees through events.evaluations.services;
organizers read them here.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from events.evaluations.selectors import evaluation_results
from events.models import Certificate, Conference, Evaluation
from members.roles import is_organizer


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Evaluation)
class EvaluationAdmin(_ReadOnly):
    list_display = ("registration", "slot_uid", "content_rating", "speaker_rating", "created_at")
    list_filter = ("registration__conference", "content_rating", "speaker_rating")
    list_select_related = ("registration__user", "registration__conference")
    search_fields = ("registration__user__username", "registration__user__last_name", "comment")
    raw_id_fields = ("registration",)
    date_hierarchy = "created_at"

    def get_urls(self):
        return [
            path(
                "results/<int:conference_id>/",
                self.admin_site.admin_view(self.results_view),
                name="events_evaluation_results",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        extra_context["results_links"] = [
            (conference.name, reverse("admin:events_evaluation_results", args=[conference.pk]))
            for conference in Conference.objects.only("pk", "name")
        ]
        return super().changelist_view(request, extra_context)

    def results_view(self, request: HttpRequest, conference_id: int) -> HttpResponse:
        """Every talk of the conference's latest release with its number of evaluations,
        average ratings and comments: organizers only. A constant number of queries."""
        if not is_organizer(request.user):
            raise PermissionDenied
        conference = get_object_or_404(Conference, pk=conference_id)
        results = evaluation_results(conference=conference, comments=True)
        return TemplateResponse(
            request,
            "admin/events/evaluation/results.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "conference": conference,
                "results": results,
                "evaluated": sum(1 for result in results if result.scores.count),
                "title": f"Evaluation results: {conference.name}",
            },
        )


@admin.register(Certificate)
class CertificateAdmin(_ReadOnly):
    list_display = ("code", "name", "registration", "credit_hours", "issued_at")
    list_filter = ("registration__conference",)
    list_select_related = ("registration__user", "registration__conference")
    search_fields = ("code", "name", "registration__user__username", "registration__user__email")
    raw_id_fields = ("registration",)
    date_hierarchy = "issued_at"
