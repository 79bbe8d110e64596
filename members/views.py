"""The members' pages: sign-up, invitations, profile, the primary contact's page for the
company's people, the public directory and company pages, the case-study library and the
group's news. Each view reads through members.selectors and writes through members.services.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_countries import countries

from members import selectors, tokens
from members.forms import (
    ApiTokenForm,
    CaseStudyForm,
    CompanyLogoForm,
    DirectoryFilterForm,
    InvitationForm,
    LibraryFilterForm,
    LoginForm,
    MailPreferencesForm,
    PasswordChoiceForm,
    PasswordResetForm,
    ProfileForm,
    SignupForm,
)
from members.http import AuthenticatedHttpRequest, client_address
from members.models import (
    Announcement,
    ApiToken,
    CaseStudy,
    Invitation,
    Member,
    MemberCompany,
    Product,
)
from members.roles import is_organizer
from members.services.api_tokens import api_token_revoke
from members.services.case_studies import case_study_save, case_study_submit
from members.services.images import company_logo_set, member_photo_set
from members.services.mail import (
    mail_preferences_set,
    mail_unsubscribe,
    unsubscribe_token_read,
)
from members.services.mail_limits import mail_allowance_take
from members.services.people import (
    account_create_verified,
    invitation_accept,
    invitation_create,
    invitation_from_link,
    invitation_withdraw,
    member_profile_update,
    member_remove,
    primary_contact_hand_over,
    signup_complete,
    signup_start,
)

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _errors_to_form(form, error: ValidationError) -> None:
    """Put a service's refusal next to its field, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _member(user: User) -> Member | None:
    return Member.objects.select_related("company").filter(user=user).first()


# Sign-up


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("members:profile")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mail_allowance_take(
                purpose="signup",
                email=form.cleaned_data["email"],
                client_ip=client_address(request),
            )
        except ValidationError as error:
            _errors_to_form(form, error)
            return render(request, "members/signup.html", {"form": form}, status=429)
        signup_start(**form.cleaned_data)
        return render(
            request, "members/signup_sent.html", {"email": form.cleaned_data["email"].lower()}
        )
    return render(request, "members/signup.html", {"form": form})


# Why a page sent the visitor to log in, by the URL name it would continue to.
LOGIN_REASONS = {
    # A session page's login link is "Log in to star this session".
    "events:session": "star sessions",
    "events:star": "star sessions",
    "events:agenda": "star sessions",
    "events:agenda_current": "star sessions",
    "events:submission_new": "submit a talk",
    "events:submission_edit": "submit a talk",
    "events:submission_submit": "submit a talk",
    "events:my_submissions": "see your submissions",
}


def login_reason(next_url: str) -> str:
    """ "star sessions" for "Log in to star sessions.", or "continue to <path>" for any
    other page of the site; empty without a page to continue to."""
    if not next_url:
        return ""
    path = next_url.split("?", 1)[0].split("#", 1)[0]
    try:
        view_name = resolve(path).view_name
    except Resolver404:
        view_name = ""
    return LOGIN_REASONS.get(view_name, f"continue to {path}")


class LoginView(auth_views.LoginView):
    """Django's login, by e-mail address (LoginForm), under the group's name rather than the
    host's, saying why the visitor was sent here when a page asked for a login."""

    form_class = LoginForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["site_name"] = settings.SITE_NAME
        context["login_reason"] = login_reason(context.get(self.redirect_field_name, ""))
        return context


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, under the same e-mail limits as sign-up: over them, the
    form says so (429) and nothing is sent, whether or not the address has an account.
    The mail goes through the outbox (PasswordResetForm)."""

    form_class = PasswordResetForm

    def form_valid(self, form):
        try:
            mail_allowance_take(
                purpose="password_reset",
                email=form.cleaned_data["email"],
                client_ip=client_address(self.request),
            )
        except ValidationError as error:
            form.add_error(None, error)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


@require_http_methods(["GET", "POST"])
def signup_verify(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the verification e-mail: the address is now proved; choose a password."""
    try:
        payload = tokens.email_link_read(
            token, salt=tokens.SIGNUP_SALT, max_age=tokens.SIGNUP_MAX_AGE
        )
    except ValidationError as error:
        return render(
            request, "members/link_refused.html", {"message": error.messages[0]}, status=400
        )
    email = payload["email"]
    if get_user_model().objects.filter(email__iexact=email).exists():
        return render(
            request,
            "members/link_refused.html",
            {"message": "This link has been used: the account exists. Log in with it."},
            status=400,
        )
    form = PasswordChoiceForm(
        request.POST or None,
        initial={"first_name": payload["first_name"], "last_name": payload["last_name"]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            user, member, refusal = signup_complete(
                email=email,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
                now=timezone.now(),
            )
        except ValidationError as error:
            _errors_to_form(form, ValidationError({"password1": error.messages}))
        else:
            login(request, user, backend=BACKEND)
            messages.success(request, "Your account is ready.")
            if member is not None and member.company is not None:
                messages.success(request, f"You joined {member.company.name}.")
            elif refusal:
                messages.warning(request, refusal)
            return redirect("members:profile")
    return render(request, "members/signup_verify.html", {"form": form, "email": email})


# Invitations


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link from an invitation e-mail. Whoever follows it proved they read the invited
    address's mail, so without an account they may create one here."""
    try:
        invitation = invitation_from_link(token=token)
    except ValidationError as error:
        return render(
            request, "members/link_refused.html", {"message": error.messages[0]}, status=400
        )
    User = get_user_model()
    context: dict[str, object] = {"invitation": invitation, "company": invitation.company}
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                invitation_accept(invitation=invitation, user=request.user, now=timezone.now())
            except ValidationError as error:
                context["refusal"] = " ".join(error.messages)
                return render(request, "members/invitation.html", context, status=400)
            messages.success(request, f"You joined {invitation.company.name}.")
            return redirect("members:profile")
        return render(request, "members/invitation.html", context)

    if User.objects.filter(email__iexact=invitation.email).exists():
        context["login_url"] = f"{reverse('login')}?next={request.path}"
        return render(request, "members/invitation.html", context)
    form = PasswordChoiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = account_create_verified(
                email=invitation.email,
                password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
            invitation_accept(invitation=invitation, user=user, now=timezone.now())
        except ValidationError as error:
            _errors_to_form(form, ValidationError({"password1": error.messages}))
        else:
            login(request, user, backend=BACKEND)
            messages.success(request, f"Your account is ready and you joined {invitation.company}.")
            return redirect("members:profile")
    context["form"] = form
    return render(request, "members/invitation.html", context)


# Profile


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    member = _member(request.user)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=member)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        photo, remove_photo = fields.pop("photo"), fields.pop("remove_photo", False)
        try:
            # A refused photo leaves the profile as it was, not half saved.
            with transaction.atomic():
                saved = member_profile_update(user=request.user, **fields)
                if remove_photo or photo:
                    member_photo_set(member=saved, upload=None if remove_photo else photo)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Your profile is saved.")
            return redirect("members:profile")
    mail_form = MailPreferencesForm(
        initial={"kinds": selectors.mail_kinds_wanted(user=request.user)}, prefix="mail"
    )
    return render(
        request,
        "members/profile.html",
        {"form": form, "member": member, "mail_form": mail_form},
    )


@login_required
@require_POST
def mail_preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The e-mail section of the profile page: which optional kinds of mail to get."""
    form = MailPreferencesForm(request.POST, prefix="mail")
    if not form.is_valid():
        member = _member(request.user)
        return render(
            request,
            "members/profile.html",
            {"form": ProfileForm(instance=member), "member": member, "mail_form": form},
            status=400,
        )
    mail_preferences_set(user=request.user, wanted=form.cleaned_data["kinds"])
    messages.success(request, "Your e-mail choices are saved.")
    return redirect(reverse("members:profile") + "#email")


# One-click unsubscribe (RFC 8058): a mail client POSTs to the link in List-Unsubscribe with no
# session and no CSRF token; the signed token is the proof. A GET (a person following the
# footer link, or a mail scanner prefetching it) only shows a button that POSTs.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user, kind = unsubscribe_token_read(token)
    except ValidationError as error:
        return render(
            request, "members/link_refused.html", {"message": error.messages[0]}, status=400
        )
    done = request.method == "POST"
    if done:
        mail_unsubscribe(user=user, kind=kind)
    context = {"kind": kind.label, "email": user.email, "done": done}
    response = render(request, "members/unsubscribe.html", context)
    # The token is a credential: keep it out of other sites' logs and out of search engines.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


# The company's people, managed by its primary contact


def _company_of(request: AuthenticatedHttpRequest) -> tuple[Member, MemberCompany]:
    member = _member(request.user)
    if member is None or member.company is None:
        raise Http404("You are not at a member company.")
    return member, member.company


@login_required
@require_GET
def team(request: AuthenticatedHttpRequest) -> HttpResponse:
    member, company = _company_of(request)
    return _team_page(request, member, company, InvitationForm())


def _team_page(
    request, member, company, form, status: int = 200, logo_form: CompanyLogoForm | None = None
) -> HttpResponse:
    context = {
        "member": member,
        "company": company,
        "form": form,
        "logo_form": logo_form or CompanyLogoForm(company=company),
        **selectors.company_team(company=company, now=timezone.now()),
    }
    return render(request, "members/team.html", context, status=status)


@login_required
@require_POST
def team_invite(request: AuthenticatedHttpRequest) -> HttpResponse:
    member, company = _company_of(request)
    if not member.is_primary_contact:
        raise PermissionDenied("Only the company's primary contact invites colleagues.")
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = invitation_create(
                company=company,
                email=form.cleaned_data["email"],
                invited_by=request.user,
                now=timezone.now(),
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect("members:team")
    return _team_page(request, member, company, form, status=400)


@login_required
@require_POST
def team_logo(request: AuthenticatedHttpRequest) -> HttpResponse:
    member, company = _company_of(request)
    form = CompanyLogoForm(request.POST, request.FILES, company=company)
    if form.is_valid():
        remove = form.cleaned_data.get("remove_logo", False)
        try:
            company_logo_set(
                company=company,
                upload=None if remove else form.cleaned_data["logo"],
                actor=request.user,
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(
                request, f"{company.name}'s logo is {'removed' if remove else 'saved'}."
            )
            return redirect(reverse("members:team") + "#logo")
    return _team_page(request, member, company, InvitationForm(), status=400, logo_form=form)


@login_required
@require_POST
def team_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _, company = _company_of(request)
    colleague = get_object_or_404(Member.objects.select_related("user"), pk=pk, company=company)
    try:
        member_remove(member=colleague, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{colleague.name} is no longer at {company.name}.")
    return redirect("members:team")


@login_required
@require_POST
def team_hand_over(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _, company = _company_of(request)
    colleague = get_object_or_404(Member.objects.select_related("user"), pk=pk, company=company)
    try:
        primary_contact_hand_over(to_member=colleague, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{colleague.name} is now {company.name}'s primary contact.")
    return redirect("members:team")


@login_required
@require_POST
def team_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _, company = _company_of(request)
    invitation = get_object_or_404(Invitation, pk=pk, company=company)
    try:
        invitation_withdraw(invitation=invitation, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The invitation to {invitation.email} is withdrawn.")
    return redirect("members:team")


# Stored photos and logos, when the default storage is this site's own disk. Their names
# carry a digest of their content, so a name's bytes never change: cached for a year. With
# an object store (docs/deployment.md) its addresses are used instead and this goes unused.

STORED_IMAGE_TYPES = {"jpg": "image/jpeg", "png": "image/png"}
STORED_IMAGE_CACHE = "public, max-age=31536000, immutable"


@require_GET
def stored_image(request: HttpRequest, kind: str, owner: str, name: str) -> FileResponse:
    extension = name.rsplit(".", 1)[-1]
    if extension not in STORED_IMAGE_TYPES:
        raise Http404("No such image.")
    try:
        stored = default_storage.open(f"images/{kind}/{owner}/{name}", "rb")
    except FileNotFoundError:
        raise Http404("No such image.") from None
    response = FileResponse(stored, content_type=STORED_IMAGE_TYPES[extension])
    response["Cache-Control"] = STORED_IMAGE_CACHE
    return response


# The public directory


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None, country_codes=selectors.directory_countries())
    filters = form.cleaned_data if form.is_valid() else {}
    companies = selectors.directory_companies(
        industry=filters.get("industry", ""), country=filters.get("country", "")
    )
    return render(request, "members/directory.html", {"form": form, "companies": companies})


@require_GET
def company(request: HttpRequest, slug: str) -> HttpResponse:
    company = selectors.company_page(slug=slug)
    if company is None:
        raise Http404("No such company in the directory.")
    country = countries.name(company.country)
    summary = f"{company.name}: {company.get_industry_display()}, {country}."
    return render(request, "members/company.html", {"company": company, "company_summary": summary})


# The case-study library


@require_GET
def library(request: HttpRequest) -> HttpResponse:
    products = list(Product.objects.all())
    companies = list(
        MemberCompany.objects.filter(case_studies__state=CaseStudy.State.PUBLISHED)
        .distinct()
        .order_by("name")
    )
    form = LibraryFilterForm(
        request.GET or None,
        products=products,
        companies=companies,
        years=selectors.case_study_years(),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    studies = selectors.case_study_library(
        query=filters.get("q", ""),
        industry=filters.get("industry", ""),
        product=filters.get("product", ""),
        company=filters.get("company", ""),
        year=filters.get("year"),
    )
    return render(
        request,
        "members/library.html",
        {"form": form, "studies": studies, "searching": bool(filters.get("q"))},
    )


@require_GET
def case_study(request: HttpRequest, company_slug: str, slug: str) -> HttpResponse:
    """A published case study for everyone; a draft or one in review for its company's
    people and the organizers only (404 for anyone else)."""
    study = get_object_or_404(
        CaseStudy.objects.select_related("company", "author__user").prefetch_related("products"),
        company__slug=company_slug,
        slug=slug,
    )
    if study.state != CaseStudy.State.PUBLISHED:
        member = _member(request.user) if request.user.is_authenticated else None
        own = member is not None and member.company_id == study.company_id
        if not (own or is_organizer(request.user)):
            raise Http404("No such case study.")
    return render(
        request,
        "members/case_study.html",
        {"study": study, "share_description": f"{study.company.name}: {study.results}"},
    )


def _writer(request: AuthenticatedHttpRequest) -> Member:
    member = _member(request.user)
    if member is None or member.company is None:
        raise PermissionDenied("Only people at a member company write case studies.")
    return member


@login_required
@require_GET
def case_studies_mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    member = _writer(request)
    studies = selectors.case_studies_of_member(member=member)
    return render(request, "members/case_studies_mine.html", {"studies": studies, "member": member})


@login_required
@require_http_methods(["GET", "POST"])
def case_study_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    member = _writer(request)
    study = None
    if pk is not None:
        study = get_object_or_404(CaseStudy, pk=pk, company_id=member.company_id)
    form = CaseStudyForm(request.POST or None, instance=study)
    if study is not None and study.state != CaseStudy.State.DRAFT:
        form.add_error(None, f"This case study is {study.get_state_display().lower()}.")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = case_study_save(
                member=member,
                case_study=study,
                title=data["title"],
                challenge=data["challenge"],
                solution=data["solution"],
                results=data["results"],
                products=list(data["products"]),
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"“{saved.title}” is saved as a draft.")
            return redirect("members:case_studies_mine")
    return render(request, "members/case_study_form.html", {"form": form, "study": study})


@login_required
@require_POST
def case_study_submit_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = _writer(request)
    study = get_object_or_404(CaseStudy, pk=pk, company_id=member.company_id)
    try:
        case_study_submit(case_study=study, member=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{study.title}” is sent to the organizers for review.")
    return redirect("members:case_studies_mine")


# News


@require_GET
def announcements(request: HttpRequest) -> HttpResponse:
    items = selectors.announcements_published(now=timezone.now())[:50]
    return render(request, "members/announcements.html", {"announcements": items})


@require_GET
def announcement(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(selectors.announcements_published(now=timezone.now()), slug=slug)
    return render(request, "members/announcement.html", {"announcement": item})


# Atom feeds


class CaseStudyFeed(Feed):
    feed_type = Atom1Feed
    title = "New case studies"
    link = reverse_lazy("members:library")
    subtitle = "Case studies of the group's member companies, newest first."

    def items(self):
        return (
            CaseStudy.objects.published()
            .select_related("company")
            .order_by("-published_at", "-pk")[:30]
        )

    def item_title(self, item: CaseStudy) -> str:
        return f"{item.title} ({item.company.name})"

    def item_description(self, item: CaseStudy) -> str:
        return item.results

    def item_pubdate(self, item: CaseStudy):
        return item.published_at

    def item_updateddate(self, item: CaseStudy):
        return item.updated_at

    def item_author_name(self, item: CaseStudy) -> str:
        return item.company.name


class AnnouncementFeed(Feed):
    feed_type = Atom1Feed
    title = "News"
    link = reverse_lazy("members:announcements")
    subtitle = "The group's announcements."

    def items(self):
        return selectors.announcements_published(now=timezone.now())[:30]

    def item_title(self, item: Announcement) -> str:
        return item.title

    def item_description(self, item: Announcement) -> str:
        return item.body

    def item_pubdate(self, item: Announcement):
        return item.published_at

    def item_updateddate(self, item: Announcement):
        return item.updated_at


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List the person's API tokens and make a new one. The new key is shown on this one
    response only: it is stored as a digest, so nobody can show it again."""
    form = ApiTokenForm(request.POST or None, user=request.user)
    new_key = None
    status = 200
    if request.method == "POST":
        made = form.save() if form.is_valid() else None
        if made is None:
            status = 400
        else:
            new_key = made[1]
            form = ApiTokenForm(user=request.user)
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at", "-pk")
    return render(
        request,
        "members/api_tokens.html",
        {"form": form, "tokens": tokens, "new_key": new_key},
        status=status,
    )


@login_required
@require_POST
def api_token_revoke_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    api_token_revoke(token=token)
    messages.success(request, f"The token “{token.name}” is revoked.")
    return redirect("members:api_tokens")
