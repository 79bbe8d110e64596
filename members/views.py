"""The members' own pages: for now, their API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from members.forms import ApiTokenForm
from members.models import ApiToken
from members.services import api_token_revoke


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """List the person's API tokens and make a new one. The new key is shown on this one
    response only: it is stored as a digest, so nobody can show it again."""
    form = ApiTokenForm(request.POST or None, user=request.user)
    new_key = None
    status = 200
    if request.method == "POST":
        made = form.save() if form.is_valid() else None
        if made is None:
            status = 400
        else:
            new_key = made[1]
            form = ApiTokenForm(user=request.user)
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at", "-pk")
    return render(
        request,
        "members/api_tokens.html",
        {"form": form, "tokens": tokens, "new_key": new_key},
        status=status,
    )


@login_required
@require_POST
def api_token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    api_token_revoke(token=token)
    messages.success(request, f"The token “{token.name}” is revoked.")
    return redirect("members:api_tokens")
