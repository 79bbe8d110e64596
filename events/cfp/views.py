"""The call for papers on the site: the public CfP page, the proposal form (draft, submit,
edit, withdraw, confirm, delete a draft), "My submissions", and the co-speaker invitation
link with its withdrawal by the primary speaker.

Every write calls events.cfp.services; a submission that is not the caller's answers 404.
"""

import uuid

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events.cfp.forms import InvitationSignupForm, SlidesForm, SubmissionForm, add_service_error
from events.cfp.invitations import (
    check_invitation_address,
    invitation_accept,
    invitation_accept_with_signup,
    invitation_from_token,
    invitation_revoke,
)
from events.cfp.selectors import (
    conferences_released,
    materials_refusal,
    materials_viewer,
    submissions_of_speaker,
)
from events.cfp.services import (
    slides_state_refusal,
    submission_create,
    submission_delete,
    submission_slides_upload,
    submission_speaker_actions,
    submission_transition,
    submission_update,
)
from events.models import Conference, Submission, SubmissionInvitation
from members.http import AuthenticatedHttpRequest
from members.models import Member
from members.selectors import member_submission_refusal

State = Submission.State


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _member(request: HttpRequest) -> Member | None:
    if not request.user.is_authenticated:
        return None
    return Member.objects.select_related("company", "user").filter(user=request.user).first()


def _refusal(conference: Conference, member: Member | None) -> str | None:
    today = timezone.localtime(timezone.now(), conference.tz).date()
    return member_submission_refusal(member=member, on=today)


@require_GET
def cfp_index(request: HttpRequest) -> HttpResponse:
    """The calls for papers that are announced, the newest conference first."""
    conferences = list(
        Conference.objects.exclude(cfp_opens_at=None).exclude(cfp_closes_at=None)[:10]
    )
    now = timezone.now()
    calls = [(conference, conference.cfp_state(now)) for conference in conferences]
    return render(request, "events/cfp_index.html", {"calls": calls, "now": now})


@require_GET
def cfp_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """What the group wants, the formats, tracks and levels, the deadline and the state,
    and whether the visitor may submit (and if not, what to do)."""
    conference = get_object_or_404(
        Conference.objects.prefetch_related("formats", "tracks"), slug=slug
    )
    now = timezone.now()
    member = _member(request)
    context = {
        "conference": conference,
        "now": now,
        "cfp_state": conference.cfp_state(now),
        "levels": Submission.AudienceLevel.choices,
        "refusal": _refusal(conference, member) if request.user.is_authenticated else None,
    }
    return render(request, "events/cfp_detail.html", context)


def _speaker_submission(request: AuthenticatedHttpRequest, slug: str, pk: int) -> Submission:
    """The caller's own submission, or 404: nobody learns that someone else's exists."""
    return get_object_or_404(
        Submission.objects.select_related("conference").filter(
            conference__slug=slug, submission_speakers__member__user=request.user
        ),
        pk=pk,
    )


def _submit(request: AuthenticatedHttpRequest, submission: Submission) -> bool:
    """Submit a draft; a second click on an already submitted one is no error."""
    try:
        submission_transition(
            submission=submission,
            to_state=State.SUBMITTED,
            actor=request.user,
            base_url=_base_url(request),
        )
    except ValidationError as error:
        if submission.state == State.SUBMITTED or (
            Submission.objects.filter(pk=submission.pk, state=State.SUBMITTED).exists()
        ):
            return True
        for text in error.messages:
            messages.error(request, text)
        return False
    messages.success(
        request, f"“{submission.title}” is submitted. We have e-mailed you a confirmation."
    )
    return True


@login_required
@require_http_methods(["GET", "POST"])
def submission_new(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    conference = get_object_or_404(
        Conference.objects.prefetch_related("formats", "tracks"), slug=slug
    )
    member = _member(request)
    now = timezone.now()
    refusal = _refusal(conference, member)
    if refusal or member is None or conference.cfp_state(now) != "open":
        if request.method == "POST":
            messages.error(request, refusal or "The call for papers is not open.")
        return redirect("events:cfp", slug=conference.slug)
    if request.method == "POST":
        form = SubmissionForm(request.POST, conference=conference, speaker=member)
        if form.is_valid():
            try:
                submission = submission_create(
                    conference=conference,
                    speaker=member,
                    creation_key=form.cleaned_data["creation_key"],
                    base_url=_base_url(request),
                    **form.service_arguments(),
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                if request.POST.get("action") == "submit":
                    if _submit(request, submission):
                        return redirect("events:my_submissions")
                    return redirect("events:submission_edit", slug=slug, pk=submission.pk)
                messages.success(request, f"Draft “{submission.title}” saved.")
                return redirect("events:my_submissions")
    else:
        form = SubmissionForm(
            conference=conference, speaker=member, initial={"creation_key": uuid.uuid4()}
        )
    return render(
        request,
        "events/submission_form.html",
        {"conference": conference, "form": form, "submission": None, "now": now},
    )


@login_required
@require_http_methods(["GET", "POST"])
def submission_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Edit a proposal as one of its speakers. The form carries the proposal's version, so
    a save over another speaker's change since comes back with the text and the reason.
    The primary speaker also sees the open invitations, each with a button to withdraw it."""
    submission = _speaker_submission(request, slug, pk)
    conference = submission.conference
    now = timezone.now()
    primary = (
        Member.objects.select_related("company")
        .filter(speaker_roles__submission=submission, speaker_roles__is_primary=True)
        .first()
    )
    viewer = _member(request)
    if request.method == "GET" and "edit" not in submission_speaker_actions(
        submission=submission, now=now, schedule_released=False
    ):
        messages.error(
            request,
            f"“{submission.title}” can no longer be edited: "
            + (
                "the call for papers has closed."
                if submission.state in (State.DRAFT, State.SUBMITTED)
                else f"it is {submission.get_state_display().lower()}."
            ),
        )
        return redirect("events:my_submissions")
    if request.method == "POST":
        form = SubmissionForm(request.POST, conference=conference, speaker=primary, viewer=viewer)
        if form.is_valid():
            try:
                submission = submission_update(
                    submission=submission,
                    actor=request.user,
                    base_url=_base_url(request),
                    expected_updated_at=form.cleaned_data["version"],
                    **{"case_study": submission.case_study, **form.service_arguments()},
                )
            except ValidationError as error:
                add_service_error(form, error)
                if getattr(error, "code", None) == "stale":
                    # Saving again now replaces the other change, knowingly.
                    data = request.POST.copy()
                    data["version"] = _version(Submission.objects.get(pk=submission.pk))
                    form.data = data
            else:
                if request.POST.get("action") == "submit" and submission.state == State.DRAFT:
                    if _submit(request, submission):
                        return redirect("events:my_submissions")
                    return redirect("events:submission_edit", slug=slug, pk=submission.pk)
                messages.success(request, f"“{submission.title}” saved.")
                return redirect("events:my_submissions")
    else:
        co_speakers = [
            role.member.user.email
            for role in submission.submission_speakers.select_related("member__user")
            if not role.is_primary
        ]
        invited = submission.invitations.filter(accepted_at__isnull=True).values_list(
            "email", flat=True
        )
        form = SubmissionForm(
            conference=conference,
            speaker=primary,
            viewer=viewer,
            initial={
                "title": submission.title,
                "abstract": submission.abstract,
                "outline": submission.outline,
                "format": submission.format_id,
                "track": submission.track_id,
                "audience_level": submission.audience_level,
                "notes": submission.notes,
                "case_study": submission.case_study_id,
                "co_speakers": "\n".join([*co_speakers, *invited]),
                "version": _version(submission),
            },
        )
    is_primary = primary is not None and primary.user_id == request.user.pk
    return render(
        request,
        "events/submission_form.html",
        {
            "conference": conference,
            "form": form,
            "submission": submission,
            "now": now,
            "open_invitations": (
                list(submission.invitations.filter(accepted_at__isnull=True)) if is_primary else []
            ),
        },
    )


def _version(submission: Submission) -> str:
    return submission.updated_at.isoformat()


@login_required
@require_POST
def invitation_revoke_view(
    request: AuthenticatedHttpRequest, slug: str, pk: int, invitation_pk: int
) -> HttpResponse:
    """Withdraw an open co-speaker invitation; its link stops working. The primary speaker
    only; someone not speaking on the proposal gets a 404."""
    submission = _speaker_submission(request, slug, pk)
    invitation = get_object_or_404(
        SubmissionInvitation.objects.filter(submission=submission), pk=invitation_pk
    )
    try:
        invitation_revoke(invitation=invitation, actor=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, f"The invitation to {invitation.email} is withdrawn.")
    if "edit" in submission_speaker_actions(
        submission=submission, now=timezone.now(), schedule_released=False
    ):
        return redirect("events:submission_edit", slug=slug, pk=submission.pk)
    return redirect("events:my_submissions")


@login_required
@require_POST
def submission_submit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    _submit(request, _speaker_submission(request, slug, pk))
    return redirect("events:my_submissions")


@login_required
@require_POST
def submission_confirm(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    submission = _speaker_submission(request, slug, pk)
    try:
        submission_transition(submission=submission, to_state=State.CONFIRMED, actor=request.user)
    except ValidationError as error:
        if submission.state != State.CONFIRMED:
            for text in error.messages:
                messages.error(request, text)
            return redirect("events:my_submissions")
    messages.success(request, f"Thank you: you will present “{submission.title}”.")
    return redirect("events:my_submissions")


@login_required
@require_http_methods(["GET", "POST"])
def submission_withdraw(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET asks whether to withdraw (no JavaScript confirm); POST withdraws."""
    submission = _speaker_submission(request, slug, pk)
    if request.method == "POST":
        try:
            submission_transition(
                submission=submission,
                to_state=State.WITHDRAWN,
                actor=request.user,
                note=request.POST.get("reason", "")[:1000],
            )
        except ValidationError as error:
            if submission.state != State.WITHDRAWN:
                for text in error.messages:
                    messages.error(request, text)
                return redirect("events:my_submissions")
        messages.success(request, f"“{submission.title}” is withdrawn.")
        return redirect("events:my_submissions")
    return render(
        request,
        "events/submission_withdraw.html",
        {"conference": submission.conference, "submission": submission},
    )


@login_required
@require_http_methods(["GET", "POST"])
def submission_delete_view(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET asks whether to delete a draft never submitted (no JavaScript confirm); POST
    deletes it. Someone not speaking on it gets a 404; a co-speaker is refused."""
    submission = _speaker_submission(request, slug, pk)
    if request.method == "POST":
        try:
            submission_delete(submission=submission, actor=request.user)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, f"The draft “{submission.title}” is deleted.")
        return redirect("events:my_submissions")
    return render(
        request,
        "events/submission_delete.html",
        {"conference": submission.conference, "submission": submission},
    )


@login_required
@require_http_methods(["GET", "POST"])
def submission_slides(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Upload (or replace) an accepted talk's slides, as one of its speakers; a file that
    is not a PDF or too large comes back as an error at the field."""
    submission = _speaker_submission(request, slug, pk)
    refusal = slides_state_refusal(submission=submission)
    if refusal is not None:
        for text in refusal.messages:
            messages.error(request, text)
        return redirect("events:my_submissions")
    if request.method == "POST":
        form = SlidesForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                submission_slides_upload(
                    submission=submission,
                    actor=request.user,
                    upload=form.cleaned_data["slides"],
                )
            except ValidationError as error:
                form.add_error("slides" if error.code in ("not_pdf", "too_large") else None, error)
            else:
                messages.success(request, f"The slides of “{submission.title}” are uploaded.")
                return redirect("events:my_submissions")
    else:
        form = SlidesForm()
    return render(
        request,
        "events/submission_slides.html",
        {"conference": submission.conference, "submission": submission, "form": form},
    )


@require_GET
def slides_download(request: HttpRequest, slug: str, pk: int) -> HttpResponseBase:
    """A talk's slides, to those events.cfp.selectors.materials_refusal lets see them: the
    file itself, never a storage URL. Anonymous visitors are asked to log in; anyone else
    refused gets a page saying why (403)."""
    submission = get_object_or_404(
        Submission.objects.select_related("conference").with_speakers().exclude(slides=""),
        conference__slug=slug,
        pk=pk,
    )
    now = timezone.now()
    viewer = materials_viewer(user=request.user, on=timezone.localdate(now))
    refusal = materials_refusal(viewer=viewer, submission=submission, now=now)
    if refusal is not None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return render(
            request,
            "events/materials_refused.html",
            {"conference": submission.conference, "submission": submission, "refusal": refusal},
            status=403,
        )
    try:
        file = default_storage.open(submission.slides.name, "rb")
    except FileNotFoundError:
        raise Http404("The slides file is missing.") from None
    response = FileResponse(
        file,
        as_attachment=True,
        filename=f"{slugify(submission.title) or 'talk'}-slides.pdf",
        content_type="application/pdf",
    )
    # Members-only until the public date: no shared cache may keep a copy.
    response["Cache-Control"] = "private"
    return response


@login_required
@require_GET
def my_submissions(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every submission the person speaks on, its state, history and next steps."""
    now = timezone.now()
    submissions = list(submissions_of_speaker(user=request.user))
    released = conferences_released(conference_ids={s.conference_id for s in submissions})
    for submission in submissions:
        submission.actions = submission_speaker_actions(
            submission=submission,
            now=now,
            schedule_released=submission.conference_id in released,
        )
        submission.is_primary_speaker = any(
            role.is_primary and role.member.user_id == request.user.pk
            for role in submission.submission_speakers.all()
        )
    return render(request, "events/my_submissions.html", {"submissions": submissions, "now": now})


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """A co-speaker's link: join the proposal, creating an account first if need be."""
    try:
        invitation = invitation_from_token(token=token)
    except ValidationError as error:
        return render(
            request,
            "events/invitation.html",
            {"problem": " ".join(error.messages)},
            status=410 if error.code in ("used", "expired", "closed") else 404,
        )
    submission = (
        Submission.objects.select_related("conference")
        .with_speakers()
        .get(pk=invitation.submission_id)
    )
    form = None
    if request.user.is_authenticated:
        try:
            check_invitation_address(invitation=invitation, user=request.user)
        except ValidationError as error:
            return render(
                request,
                "events/invitation.html",
                {"problem": " ".join(error.messages), "wrong_address": True},
                status=403,
            )
        if request.method == "POST":
            try:
                invitation_accept(token=token, user=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("events:my_submissions")
            messages.success(request, f"You are now a speaker on “{submission.title}”.")
            return redirect("events:my_submissions")
    elif request.method == "POST":
        form = InvitationSignupForm(request.POST)
        if form.is_valid():
            try:
                user = invitation_accept_with_signup(
                    token=token,
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                    password=form.cleaned_data["password"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(
                    request,
                    f"Welcome. Your account is {user.username}, and you are now a speaker "
                    f"on “{submission.title}”.",
                )
                return redirect("events:my_submissions")
    else:
        form = InvitationSignupForm()
    return render(
        request,
        "events/invitation.html",
        {
            "invitation": invitation,
            "submission": submission,
            "form": form,
            # The invitee who has an account logs in with it; the sign-up would refuse.
            "has_account": not request.user.is_authenticated
            and get_user_model().objects.filter(email__iexact=invitation.email).exists(),
            "login_url": f"{reverse('login')}?{urlencode({'next': request.path})}",
        },
    )
