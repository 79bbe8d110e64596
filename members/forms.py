"""Forms of the members' pages: sign-up, invitations, profile, case studies, filters, API
tokens."""

from typing import ClassVar, cast

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.template import loader
from django_countries import countries

from members import selectors
from members.models import ApiToken, CaseStudy, Industry, MailKind, Member, Product
from members.services.api_tokens import api_token_create
from members.services.images import file_size
from members.services.mail import mail_build, mail_queue


class SignupForm(forms.Form):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField(
        label="Work e-mail address",
        help_text="We send a link to this address; your account is made when you follow it. "
        "An address at a member company's registered domain joins that company.",
    )


class LoginForm(auth_forms.AuthenticationForm):
    """Log in with the e-mail address accounts sign up with (any case); a username still
    works, for staff accounts made by hand. The field keeps the name "username", which
    django-axes counts failures by; it counts the account's username, so every spelling of
    an address shares one count."""

    username = forms.CharField(
        label="E-mail address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {  # noqa: RUF012 - Django's own attribute, read per instance
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": (
            "Please enter a correct e-mail address and password. Note that the password "
            "is case-sensitive."
        ),
    }

    def clean_username(self) -> str:
        return selectors.login_username(identifier=self.cleaned_data["username"])


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's password reset, its e-mail queued in the outbox like every other."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        subject = loader.render_to_string(subject_template_name, context)
        body = loader.render_to_string(email_template_name, context)
        mail_queue(
            mails=[
                mail_build(
                    key=f"password_reset:{context['uid']}:{context['token']}",
                    to=to_email,
                    subject=subject,
                    body=body,
                )
            ]
        )


class MailPreferencesForm(forms.Form):
    """Which optional e-mail a person gets; account and submission mail always goes."""

    kinds = forms.TypedMultipleChoiceField(
        label="E-mail I want",
        choices=[(kind.value, kind.label) for kind in MailKind.optional()],
        coerce=MailKind,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Mail about your account, your proposals and invitations always comes.",
    )


class PasswordChoiceForm(forms.Form):
    """The last step of sign-up and of accepting an invitation without an account."""

    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_password2(self) -> str:
        # clean_password2 runs only once password2 itself is clean; password1 may not be.
        first, second = self.cleaned_data.get("password1"), self.cleaned_data["password2"]
        if first and second and first != second:
            raise forms.ValidationError("The two passwords differ.")
        return str(second)


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Colleague's e-mail address")


IMAGE_ACCEPT = "image/jpeg,image/png,image/webp"


def _image_help(what: str) -> str:
    return f"{what} A JPEG, PNG or WebP file of at most {file_size(settings.IMAGE_MAX_BYTES)}."


class ImageUploadMixin:
    """An image upload and, when there is an image, a box to remove it; members.services.images
    checks the file, so that the form, the admin and the API refuse the same ones."""

    image_field: str
    fields: dict

    def _drop_remove_box(self, *, has_image: bool) -> None:
        if not has_image:
            del self.fields[f"remove_{self.image_field}"]


class ProfileForm(ImageUploadMixin, forms.ModelForm):
    image_field = "photo"
    linkedin = forms.URLField(label="LinkedIn profile", required=False, assume_scheme="https")
    photo = forms.FileField(
        label="Photo",
        required=False,
        widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
    )
    remove_photo = forms.BooleanField(label="Remove my photo", required=False)

    class Meta:
        model = Member
        fields = ("job_title", "bio", "public_profile", "linkedin", "mastodon", "github")
        help_texts: ClassVar = {
            "public_profile": "Show your name, job title, bio, photo and handles on your "
            "company's public page and with your talks.",
            "mastodon": "Such as @ada@example.social.",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["photo"].help_text = _image_help(
            "Shown with your talks, cropped to a square. Without one, your initials are."
        )
        self._drop_remove_box(has_image=bool(self.instance and self.instance.photo))


class CompanyLogoForm(ImageUploadMixin, forms.Form):
    image_field = "logo"
    logo = forms.FileField(
        label="Logo",
        required=False,
        widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
    )
    remove_logo = forms.BooleanField(label="Remove the logo", required=False)

    def __init__(self, *args, company, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["logo"].help_text = _image_help(
            "Shown in the member directory, on the company's page and with its case studies; "
            "a transparent background stays transparent."
        )
        self._drop_remove_box(has_image=bool(company.logo))

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if not cleaned.get("logo") and not cleaned.get("remove_logo"):
            self.add_error("logo", "Choose an image to upload.")
        return cleaned


class CaseStudyForm(forms.ModelForm):
    products = forms.ModelMultipleChoiceField(
        queryset=Product.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = CaseStudy
        fields = ("title", "challenge", "solution", "results", "products")
        help_texts: ClassVar = {
            "results": "Measurable outcomes, such as “nightly load from 9 h to 40 min”.",
        }


def _choices(blank: str, pairs) -> list[tuple[str, str]]:
    return [("", blank), *pairs]


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    """One of the form's choice fields, whose choices are set per request."""
    return cast(forms.ChoiceField, form.fields[name])


class DirectoryFilterForm(forms.Form):
    industry = forms.ChoiceField(required=False)
    country = forms.ChoiceField(required=False)

    def __init__(self, *args, country_codes: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "industry").choices = _choices("Any industry", Industry.choices)
        _choice_field(self, "country").choices = _choices(
            "Any country", [(code, countries.name(code)) for code in country_codes]
        )


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200)
    industry = forms.ChoiceField(required=False)
    product = forms.ChoiceField(required=False)
    company = forms.ChoiceField(required=False)
    year = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)

    def __init__(self, *args, products: list, companies: list, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "industry").choices = _choices("Any industry", Industry.choices)
        _choice_field(self, "product").choices = _choices(
            "Any product", [(p.slug, p.name) for p in products]
        )
        _choice_field(self, "company").choices = _choices(
            "Any company", [(c.slug, c.name) for c in companies]
        )
        _choice_field(self, "year").choices = _choices("Any year", [(y, str(y)) for y in years])


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label="What is the token for?",
        help_text="A name you will recognise, e.g. “CRM sync” or “intranet”.",
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def save(self) -> tuple[ApiToken, str] | None:
        """Make the token through the service; its refusals land on the form."""
        try:
            return api_token_create(user=self.user, name=self.cleaned_data["name"])
        except ValidationError as error:
            self.add_error(None, error)  # a dict of errors lands on its fields
            return None
