"""The check-in form: the code from the badge, typed or scanned."""

from django import forms

from events.checkin.codes import MAX_INPUT


class CheckInForm(forms.Form):
    code = forms.CharField(
        label="Check-in code",
        max_length=MAX_INPUT,
        help_text="As printed under the QR code on the badge, e.g. 16J-A3KX9-QP2MZ. "
        "Spaces, dashes and upper or lower case do not matter.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "autofocus": True,
                "inputmode": "text",
            }
        ),
    )
