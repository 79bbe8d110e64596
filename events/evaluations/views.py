"""Pages after the sessions: an attendee's evaluation of a session, a speaker's results, the
attendee's certificate PDF and the public page that verifies a certificate."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from events.attendance.selectors import registration_for
from events.cfp.forms import add_service_error
from events.evaluations.forms import EvaluationForm
from events.evaluations.selectors import (
    certificate_by_code,
    certificate_data,
    evaluation_results,
    speaker_member,
)
from events.evaluations.services import certificate_issue, evaluation_check, evaluation_submit
from events.exports.certificate import render_certificate
from events.models import Conference
from members.http import AuthenticatedHttpRequest

# A refusal that no form can fix answers with its own status: the session is not one, not
# over yet, or not theirs to evaluate.
_REFUSAL_STATUS = {"unknown_session": 404, "not_ended": 403, "not_attended": 403}


def _refusal_code(error: ValidationError) -> str:
    [first] = error.error_dict["session"] if hasattr(error, "error_dict") else [error]
    return first.code or ""


@require_http_methods(["GET", "POST"])
@login_required
def evaluate(request: AuthenticatedHttpRequest, slug: str, uid: uuid.UUID) -> HttpResponse:
    """The evaluation form of a session the attendee attended, once it has ended."""
    conference = get_object_or_404(Conference, slug=slug)
    registration = registration_for(conference=conference, user=request.user, with_agenda=False)
    agenda_url = reverse("events:agenda", args=[conference.slug])
    if registration is None:
        messages.info(request, f"Only attendees of {conference.name} evaluate its sessions.")
        return redirect("events:register", slug=conference.slug)
    now = timezone.now()
    try:
        slot = evaluation_check(registration=registration, slot_uid=uid, now=now)
    except ValidationError as refusal:
        code = _refusal_code(refusal)
        if code == "unknown_session":
            raise Http404(refusal.messages[0]) from refusal
        if code == "already_evaluated":
            messages.info(request, "You have already evaluated this session. Thank you!")
            return redirect(f"{agenda_url}#evaluations")
        return render(
            request,
            "events/evaluation_refused.html",
            {"conference": conference, "message": refusal.messages[0]},
            status=_REFUSAL_STATUS.get(code, 400),
        )
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation_submit(
                registration=registration,
                slot_uid=slot.uid,
                content_rating=form.cleaned_data["content_rating"],
                speaker_rating=form.cleaned_data["speaker_rating"],
                comment=form.cleaned_data["comment"],
                now=now,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"Thank you for evaluating “{slot.display_title}”.")
            return redirect(f"{agenda_url}#evaluations")
    return render(
        request,
        "events/evaluate.html",
        {"conference": conference, "slot": slot, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
@login_required
def speaker_results(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """A speaker's own sessions at the conference with their evaluation results and the
    attendees' comments, without names. Anyone who does not speak there gets a 404."""
    conference = get_object_or_404(Conference, slug=slug)
    member = speaker_member(conference=conference, user=request.user)
    if member is None:
        raise Http404("You do not speak at this conference.")
    results = evaluation_results(conference=conference, member_id=member.pk, comments=True)
    return render(
        request,
        "events/speaker_results.html",
        {"conference": conference, "results": results},
    )


@require_GET
@login_required
def certificate(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The attendee's certificate of attendance, issued (or brought up to date) on download."""
    conference = get_object_or_404(Conference, slug=slug)
    registration = registration_for(conference=conference, user=request.user, with_agenda=False)
    if registration is None:
        return redirect("events:register", slug=conference.slug)
    try:
        issued = certificate_issue(registration=registration)
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
        return redirect(f"{reverse('events:agenda', args=[conference.slug])}#evaluations")
    verify_url = request.build_absolute_uri(issued.get_absolute_url())
    pdf = render_certificate(certificate_data(certificate=issued, verify_url=verify_url))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{conference.slug}-certificate.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: confirms a certificate by its code with the name, the conference and the
    credit hours, and nothing else. An unknown code is a 404."""
    found = certificate_by_code(code=code)
    if found is None:
        raise Http404("There is no certificate with this code.")
    response = render(request, "events/certificate_verify.html", {"certificate": found})
    response["X-Robots-Tag"] = "noindex"
    return response
