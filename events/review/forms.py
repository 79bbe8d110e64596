"""The review form."""

from django import forms


class ReviewForm(forms.Form):
    score = forms.TypedChoiceField(
        choices=[
            (5, "5 – must be in the program"),  # noqa: RUF001 - the page's own en dash
            (4, "4 – good"),  # noqa: RUF001 - the page's own en dash
            (3, "3 – fair"),  # noqa: RUF001 - the page's own en dash
            (2, "2 – weak"),  # noqa: RUF001 - the page's own en dash
            (1, "1 – out of scope"),  # noqa: RUF001 - the page's own en dash
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="For the organizers and the committee; speakers do not see it.",
    )
