"""Middleware of the whole site: refuse a query string that carries a NUL character.

PostgreSQL refuses NUL in text, so a filter, search or lookup that passes one to a query
fails with a 500 there (SQLite quietly matches nothing). No address of the site has a use
for one, so every page, the admin and the API answer 400 before any view runs; the API in
its own error shape.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

from api.views.base import error_body

MESSAGE = "The address contains a NUL character, which no parameter accepts."


def _has_nul(request: HttpRequest) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.GET.lists()
    )


def refuse_nul_in_query(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            if request.path_info.startswith("/api/"):
                return JsonResponse(
                    error_body(status=400, code="invalid", detail=MESSAGE), status=400
                )
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
        return get_response(request)

    return middleware
