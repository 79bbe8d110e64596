"""The program committee's pages: the conferences under review, the proposals each
reviewer may review with their progress, and the review form.

A proposal the reviewer may not review (their own, or their company's) answers 404. In a
conference with anonymous reviews no speaker name or company reaches these pages, nor the
speakers' evaluations from earlier conferences, which open reviews show beside a proposal.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from events.cfp.forms import add_service_error
from events.evaluations.selectors import speaker_past_scores
from events.models import Conference
from events.review.forms import ReviewForm
from events.review.selectors import conferences_for_review, submissions_to_review
from events.review.services import review_save
from members.http import AuthenticatedHttpRequest
from members.roles import is_reviewer


def _require_reviewer(request: HttpRequest) -> None:
    if not is_reviewer(request.user):
        raise PermissionDenied("Only the program committee reviews proposals.")


@login_required
@require_GET
def review_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_reviewer(request)
    return render(
        request, "events/review_index.html", {"conferences": list(conferences_for_review())}
    )


@login_required
@require_GET
def review_queue(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    _require_reviewer(request)
    conference = get_object_or_404(Conference, slug=slug)
    queryset = submissions_to_review(reviewer=request.user, conference=conference)
    if not conference.reviews_anonymous:
        queryset = queryset.with_speakers()
    submissions = list(queryset)
    done = sum(1 for submission in submissions if submission.my_score is not None)
    return render(
        request,
        "events/review_queue.html",
        {
            "conference": conference,
            "submissions": submissions,
            "done": done,
            "total": len(submissions),
            "percent": round(100 * done / len(submissions)) if submissions else 100,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_detail(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    _require_reviewer(request)
    conference = get_object_or_404(Conference, slug=slug)
    queryset = submissions_to_review(reviewer=request.user, conference=conference)
    if not conference.reviews_anonymous:
        queryset = queryset.with_speakers()
    submission = get_object_or_404(queryset, pk=pk)
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                review_save(
                    submission=submission,
                    reviewer=request.user,
                    score=form.cleaned_data["score"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, f"Your review of “{submission.title}” is saved.")
                following = queryset.filter(my_score__isnull=True).exclude(pk=pk).first()
                if following is not None:
                    return redirect("events:review", slug=slug, pk=following.pk)
                return redirect("events:review_queue", slug=slug)
    else:
        initial = {}
        if submission.my_score is not None:
            initial = {"score": submission.my_score, "comment": submission.my_comment}
        form = ReviewForm(initial=initial)
    speakers = []
    if not conference.reviews_anonymous:
        roles = list(submission.submission_speakers.all())
        past = speaker_past_scores(
            conference=conference, member_ids=[role.member_id for role in roles]
        )
        speakers = [{"member": role.member, "past": past.get(role.member_id)} for role in roles]
    return render(
        request,
        "events/review_detail.html",
        {"conference": conference, "submission": submission, "form": form, "speakers": speakers},
    )
