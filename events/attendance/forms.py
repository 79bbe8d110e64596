"""The attendee forms that need a field: the colleague a registration is transferred to."""

from django import forms

from members.models import Member


class RegistrationTransferForm(forms.Form):
    """The colleague to give a registration to, from the company's people who are not
    registered (events.attendance.selectors.registration_colleagues), read once for every
    row of the page rather than a query per form."""

    member = forms.TypedChoiceField(label="Transfer to", coerce=int)

    def __init__(self, *args, colleagues: list[Member], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.colleagues = {member.pk: member for member in colleagues}
        field = self.fields["member"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101 - narrows the type for mypy
        field.choices = [("", "Choose a colleague")] + [
            (member.pk, member.name) for member in colleagues
        ]

    def clean_member(self) -> Member:
        return self.colleagues[self.cleaned_data["member"]]
