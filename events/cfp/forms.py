"""Forms of the call for papers: the proposal, the sign-up that accepts a co-speaker
invitation, and a talk's slides."""

import datetime
import re
from typing import cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from events.cfp.invitations import MAX_CO_SPEAKERS
from events.models import (
    ABSTRACT_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    OUTLINE_MAX_LENGTH,
    Conference,
    SessionFormat,
    Submission,
    Track,
)
from members.models import CaseStudy, Member


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: by field where the form has that field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _model_choice_field(form: forms.Form, name: str) -> forms.ModelChoiceField:
    """One of the form's model choice fields, whose queryset is set per form."""
    return cast(forms.ModelChoiceField, form.fields[name])


class SubmissionForm(forms.Form):
    title = forms.CharField(max_length=200)
    abstract = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=ABSTRACT_MAX_LENGTH,
        help_text=(
            f"At most {ABSTRACT_MAX_LENGTH} characters: the problem, what you built and what "
            "changed. This is what the program shows."
        ),
    )
    outline = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=OUTLINE_MAX_LENGTH,
        help_text=f"How the time is spent; for the committee. At most {OUTLINE_MAX_LENGTH:,} "
        "characters.",
    )
    # The querysets are the conference's, set per form.
    format = forms.ModelChoiceField(queryset=SessionFormat.objects.none(), empty_label=None)
    track = forms.ModelChoiceField(
        queryset=Track.objects.none(), required=False, empty_label="No preference"
    )
    audience_level = forms.ChoiceField(
        choices=Submission.AudienceLevel.choices, initial=Submission.AudienceLevel.INTERMEDIATE
    )
    co_speakers = forms.CharField(
        label="Co-speakers",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=(
            f"E-mail addresses, one per line, at most {MAX_CO_SPEAKERS}. Each is e-mailed an "
            "invitation, and becomes a speaker on accepting it with that address."
        ),
    )
    case_study = forms.ModelChoiceField(
        queryset=CaseStudy.objects.none(),
        required=False,
        label="Case study",
        empty_label="None",
        help_text="One of your company's case studies that the talk presents.",
    )
    notes = forms.CharField(
        label="Notes for the committee",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=NOTES_MAX_LENGTH,
        help_text=f"At most {NOTES_MAX_LENGTH:,} characters.",
    )
    creation_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    # The proposal's `updated_at` when the form was opened, so that a save over someone
    # else's change since is refused (events.cfp.services.submission_update).
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args,
        conference: Conference,
        speaker: Member | None,
        viewer: Member | None = None,
        **kwargs,
    ) -> None:
        """`speaker` is the primary speaker, whose company's case studies a talk may
        present; `viewer` (default: the same) is who fills the form in. A co-speaker from
        another company is shown none of them, and the proposal keeps its case study."""
        super().__init__(*args, **kwargs)
        _model_choice_field(self, "format").queryset = conference.formats.all()
        _model_choice_field(self, "track").queryset = conference.tracks.all()
        company_id = speaker.company_id if speaker is not None else None
        viewer_company_id = viewer.company_id if viewer is not None else company_id
        if company_id and viewer_company_id == company_id:
            studies = CaseStudy.objects.filter(company_id=company_id)
            _model_choice_field(self, "case_study").queryset = studies
        else:
            del self.fields["case_study"]

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        # A hidden field's error would not show next to it: say it above the form.
        value = cleaned.get("version")
        cleaned["version"] = None
        if value:
            try:
                version = datetime.datetime.fromisoformat(value)
            except ValueError:
                version = None
            if version is None or version.tzinfo is None:
                self.add_error(None, "The page sent a broken version of this proposal; reload it.")
            else:
                cleaned["version"] = version
        return cleaned

    def clean_co_speakers(self) -> list[str]:
        addresses = [
            item for item in re.split(r"[\s,;]+", self.cleaned_data["co_speakers"]) if item
        ]
        bad = []
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                bad.append(address)
        if bad:
            raise ValidationError(f"Not an e-mail address: {', '.join(bad)}.")
        return addresses

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "abstract": data["abstract"],
            "outline": data["outline"],
            "session_format": data["format"],
            "track": data["track"],
            "audience_level": data["audience_level"],
            "notes": data["notes"],
            # Without the field (a co-speaker from another company) the link is kept.
            **({"case_study": data.get("case_study")} if "case_study" in self.fields else {}),
            "co_speaker_emails": data["co_speakers"],
        }


class InvitationSignupForm(forms.Form):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    password = forms.CharField(widget=forms.PasswordInput, strip=False)
    password_again = forms.CharField(
        label="Password again", widget=forms.PasswordInput, strip=False
    )

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        if (
            cleaned.get("password")
            and cleaned.get("password_again")
            and cleaned["password"] != cleaned["password_again"]
        ):
            self.add_error("password_again", "The two passwords differ.")
        return cleaned


class SlidesForm(forms.Form):
    """A talk's slides; events.cfp.services.submission_slides_upload checks the file."""

    slides = forms.FileField(
        label="Slides (PDF)",
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={"required": "Choose the PDF of your slides."},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit = settings.SLIDES_MAX_BYTES / (1024 * 1024)
        self.fields[
            "slides"
        ].help_text = (
            f"A PDF of at most {limit:.0f} MB. A new upload replaces the slides before it."
        )
