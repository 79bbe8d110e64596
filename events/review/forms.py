"""The review form."""

from django import forms


class ReviewForm(forms.Form):
    score = forms.TypedChoiceField(
        choices=[
            (5, "5 – must be in the program"),
            (4, "4 – good"),
            (3, "3 – fair"),
            (2, "2 – weak"),
            (1, "1 – out of scope"),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="For the organizers and the committee; speakers do not see it.",
    )
