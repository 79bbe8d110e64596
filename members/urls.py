"""The members' own pages, under the "members" namespace."""

from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("account/api-tokens/", views.api_tokens, name="api_tokens"),
    path(
        "account/api-tokens/<int:pk>/revoke/",
        views.api_token_revoke_view,
        name="api_token_revoke",
    ),
]
