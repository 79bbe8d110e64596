"""An attendee's seats and registration: signing up for a session with a cap (or joining its
waitlist) and leaving it, cancelling one's registration, and the page where a company's
primary contact sees the company's registrations and transfers one to a colleague.

All plain POST forms that redirect back, so they work without JavaScript.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from events.attendance.forms import RegistrationTransferForm
from events.attendance.selectors import (
    company_registrations,
    registration_colleagues,
    registration_for,
    signups_with_rank,
)
from events.attendance.services import (
    registration_cancel,
    registration_transfer,
    signup_join,
    signup_leave,
)
from events.attendance.views.agenda import _safe_next
from events.models import Conference, SessionSignup
from members.http import AuthenticatedHttpRequest
from members.models import Member
from members.selectors import membership_current


@require_POST
@login_required
def signup(request: AuthenticatedHttpRequest, slug: str, uid: uuid.UUID) -> HttpResponse:
    """Sign up for a session (`action=join`: a seat, or the waitlist once it is full) or
    leave it (`action=leave`), then go back to `next`."""
    conference = get_object_or_404(Conference, slug=slug)
    session_url = reverse("events:session", args=[conference.slug, uid])
    registration = registration_for(conference=conference, user=request.user, with_agenda=False)
    if registration is None:
        messages.info(request, f"Register for {conference.name} to sign up for sessions.")
        register_url = reverse("events:register", args=[conference.slug])
        return redirect(f"{register_url}?next={session_url}")
    back = _safe_next(request, session_url)
    action = request.POST.get("action")
    try:
        if action == "join":
            joined = signup_join(registration=registration, slot_uid=uid)
            if joined.state == SessionSignup.State.CONFIRMED:
                messages.success(request, "You have a seat. See you there!")
            else:
                rank = signups_with_rank(SessionSignup.objects.filter(pk=joined.pk)).get().rank
                messages.info(
                    request,
                    f"The session is full: you are number {rank} on the waitlist. We will "
                    "e-mail you if a seat comes free.",
                )
        elif action == "leave":
            if signup_leave(registration=registration, slot_uid=uid):
                messages.success(request, "You are no longer signed up for the session.")
        else:
            raise ValidationError("Choose to sign up or to leave.", code="action")
    except ValidationError as error:
        if error.code == "unknown_session":
            raise Http404(error.messages[0]) from error
        messages.error(request, error.messages[0])
    return redirect(f"{back}#slot-{uid}")


@require_http_methods(["GET", "POST"])
@login_required
def cancel(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Ask, then cancel the logged-in person's registration for the conference."""
    conference = get_object_or_404(Conference, slug=slug)
    registration = registration_for(conference=conference, user=request.user, with_agenda=False)
    if registration is None:
        return redirect("events:register", slug=conference.slug)
    error = None
    if request.method == "POST":
        try:
            registration_cancel(registration=registration, actor=request.user)
        except ValidationError as refusal:
            error = refusal.messages[0]
        else:
            messages.success(request, f"Your registration for {conference.name} is cancelled.")
            return redirect("events:schedule", slug=conference.slug)
    seats = SessionSignup.objects.filter(registration=registration)
    return render(
        request,
        "events/registration_cancel.html",
        {
            "conference": conference,
            "registration": registration,
            "seat_count": seats.filter(state=SessionSignup.State.CONFIRMED).count(),
            "error": error,
        },
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def company(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The registrations of the people at the primary contact's company, each with a form
    that transfers it to a colleague who is not registered. Anyone else: 404."""
    conference = get_object_or_404(Conference, slug=slug)
    registrations = company_registrations(conference=conference, user=request.user)
    if registrations is None:
        raise Http404("Only a company's primary contact sees its registrations.")
    primary = Member.objects.select_related("company").get(
        user=request.user, is_primary_contact=True
    )
    company = primary.company
    if company is None:  # a primary contact always has one (primary_contact_has_company)
        raise Http404("Only a company's primary contact sees its registrations.")
    colleagues = registration_colleagues(conference=conference, company_id=company.pk)
    chosen, failed = None, None
    if request.method == "POST":
        raw = request.POST.get("registration", "")
        chosen = next((r for r in registrations if str(r.pk) == raw), None)
        if chosen is None:
            raise Http404("That registration is not one of your company's.")
        form = RegistrationTransferForm(
            request.POST, colleagues=colleagues, prefix=f"transfer-{chosen.pk}"
        )
        if form.is_valid():
            to_member = form.cleaned_data["member"]
            try:
                transferred = registration_transfer(
                    registration=chosen, to_member=to_member, actor=request.user
                )
            except ValidationError as refusal:
                form.add_error(None, refusal)
            else:
                messages.success(
                    request,
                    f"{chosen.user.get_full_name() or chosen.user.get_username()}'s "
                    f"registration now belongs to {to_member.name}, with a "
                    f"{transferred.get_pass_type_display().lower()}.",
                )
                return redirect("events:company_registrations", slug=conference.slug)
        failed = form
    rows = [
        {
            "registration": registration,
            "form": failed
            if registration is chosen and failed is not None
            else RegistrationTransferForm(
                colleagues=colleagues, prefix=f"transfer-{registration.pk}"
            ),
        }
        for registration in registrations
    ]
    membership = membership_current(
        company=company, on=timezone.localtime(timezone.now(), conference.tz).date()
    )
    used = sum(1 for r in registrations if r.pass_type == r.PassType.MEMBER)
    return render(
        request,
        "events/company_registrations.html",
        {
            "conference": conference,
            "company": company,
            "rows": rows,
            "colleagues": colleagues,
            "passes": membership.tier.conference_passes if membership else 0,
            "used": used,
        },
        status=400 if failed is not None else 200,
    )
