"""The evaluation form: two ratings and a comment."""

from django import forms

from events.models import EVALUATION_COMMENT_MAX_LENGTH

RATINGS = [
    (5, "5 – excellent"),  # noqa: RUF001 - the page's own en dash
    (4, "4 – good"),  # noqa: RUF001 - the page's own en dash
    (3, "3 – fair"),  # noqa: RUF001 - the page's own en dash
    (2, "2 – poor"),  # noqa: RUF001 - the page's own en dash
    (1, "1 – very poor"),  # noqa: RUF001 - the page's own en dash
]


class EvaluationForm(forms.Form):
    content_rating = forms.TypedChoiceField(
        label="Content", choices=RATINGS, coerce=int, widget=forms.RadioSelect
    )
    speaker_rating = forms.TypedChoiceField(
        label="Speaker", choices=RATINGS, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=EVALUATION_COMMENT_MAX_LENGTH,
        help_text=f"Optional, at most {EVALUATION_COMMENT_MAX_LENGTH} characters. The "
        "speakers read it without your name.",
    )
