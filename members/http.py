"""Request types for the views of every app: the request a `login_required` view is given,
whose user is signed in."""

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    """The request a login_required view is given: its user is signed in. For annotations
    only; Django still passes its own request class."""

    user: User
