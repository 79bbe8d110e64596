"""Forms of the members' own pages."""

from django import forms
from django.core.exceptions import ValidationError

from members.models import ApiToken
from members.services import api_token_create


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
