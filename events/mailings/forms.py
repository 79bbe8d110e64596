"""The composer's form: the message, the kind of mail it counts as, and the audience's
filters, each checked (a conference's filters need that conference)."""

from typing import cast

from django import forms
from django.conf import settings

from events.mailings.selectors import Audience
from events.mailings.services import PLACEHOLDERS, mailing_placeholders_refusal
from events.models import Conference, Mailing, Slot, Submission, Track
from members.models import MailKind, MembershipTier


class MailingForm(forms.Form):
    subject = forms.CharField(max_length=200)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 14, "cols": 80}),
        max_length=Mailing._meta.get_field("body").max_length,
        help_text="Plain text. Placeholders: "
        + ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
        + ". Write {{ and }} for a literal brace.",
    )
    kind = forms.ChoiceField(
        label="Counts as",
        choices=[(kind.value, kind.label) for kind in MailKind.optional()],
        initial=MailKind.ANNOUNCEMENTS,
        help_text="People who turned this kind of mail off do not receive it.",
    )
    tiers = forms.ModelMultipleChoiceField(
        queryset=MembershipTier.objects.order_by("order", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Member companies of tier",
        help_text="The tier of a company's latest membership period.",
    )
    standing = forms.ChoiceField(
        choices=[("", "Any standing"), *Mailing.Standing.choices],
        required=False,
        label="Member companies' standing",
    )
    roles = forms.MultipleChoiceField(
        choices=Mailing.Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="People with the role",
    )
    conference = forms.ModelChoiceField(
        queryset=Conference.objects.order_by("-starts_on"),
        required=False,
        help_text="Needed by the filters below, and by the {conference} placeholder.",
    )
    submission_states = forms.MultipleChoiceField(
        choices=Submission.State.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Speakers of submissions in the state",
    )
    registrants = forms.BooleanField(required=False, label="Registered for the conference")
    starred_session = forms.ChoiceField(
        required=False, label="Starred the session", choices=[("", "---------")]
    )
    starred_track = forms.ModelChoiceField(
        queryset=Track.objects.select_related("conference").order_by("conference", "name"),
        required=False,
        label="Starred a session of the track",
    )
    send_at = forms.DateTimeField(
        required=False,
        label="Send at",
        help_text=f"For “Schedule”: a moment in the future, in {settings.TIME_ZONE} "
        "(YYYY-MM-DD HH:MM).",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        sessions = (
            Slot.objects.filter(schedule__version="", submission__isnull=False)
            .select_related("schedule__conference", "submission")
            .order_by("schedule__conference__starts_on", "start")
        )
        self.session_conference = {str(slot.uid): slot.schedule.conference_id for slot in sessions}
        session_field = cast(forms.ChoiceField, self.fields["starred_session"])
        session_field.choices = [
            ("", "---------"),
            *[
                (str(slot.uid), f"{slot.schedule.conference.name} · {slot.submission}")
                for slot in sessions
            ],
        ]

    def clean_subject(self) -> str:
        return self._placeholders_checked(self.cleaned_data["subject"])

    def clean_body(self) -> str:
        return self._placeholders_checked(self.cleaned_data["body"])

    @staticmethod
    def _placeholders_checked(text: str) -> str:
        refusal = mailing_placeholders_refusal(text)
        if refusal:
            raise forms.ValidationError(refusal, code="placeholder")
        return text

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        conference = cleaned.get("conference")
        needs_conference = [
            name
            for name in ("submission_states", "registrants", "starred_session", "starred_track")
            if cleaned.get(name)
        ]
        for name in needs_conference:
            if conference is None:
                self.add_error(name, "Choose the conference this filter is about.")
        if conference is not None:
            session = cleaned.get("starred_session")
            if session and self.session_conference.get(session) != conference.pk:
                self.add_error("starred_session", f"This session is not at {conference}.")
            track = cleaned.get("starred_track")
            if track is not None and track.conference_id != conference.pk:
                self.add_error("starred_track", f"This track is not at {conference}.")
        uses_conference = "{conference}" in cleaned.get("body", "") + cleaned.get("subject", "")
        if uses_conference and conference is None:
            self.add_error("conference", "The text uses {conference}: choose the conference.")
        return cleaned

    def audience(self) -> Audience:
        """The filters as the selectors read them (valid forms only)."""
        data = self.cleaned_data
        return Audience(
            tier_ids=tuple(tier.pk for tier in data["tiers"]),
            standing=data["standing"],
            roles=tuple(data["roles"]),
            conference_id=data["conference"].pk if data["conference"] else None,
            submission_states=tuple(data["submission_states"]),
            registrants=data["registrants"],
            starred_session=data["starred_session"] or None,
            starred_track_id=data["starred_track"].pk if data["starred_track"] else None,
            kind=data["kind"],
        )

    def service_arguments(self) -> dict:
        """The mailing's fields for events.mailings.services.mailing_save."""
        data = self.cleaned_data
        names = (
            "subject",
            "body",
            "kind",
            "tiers",
            "standing",
            "roles",
            "conference",
            "submission_states",
            "registrants",
            "starred_session",
            "starred_track",
        )
        return {name: data[name] for name in names}

    @classmethod
    def initial_of(cls, mailing: Mailing) -> dict:
        """The form's initial values from a saved mailing."""
        return {
            "subject": mailing.subject,
            "body": mailing.body,
            "kind": mailing.kind,
            "tiers": list(mailing.tiers.all()),
            "standing": mailing.standing,
            "roles": mailing.roles,
            "conference": mailing.conference,
            "submission_states": mailing.submission_states,
            "registrants": mailing.registrants,
            "starred_session": str(mailing.starred_session) if mailing.starred_session else "",
            "starred_track": mailing.starred_track,
            "send_at": mailing.send_at,
        }
