"""The site's URL map: pages, accounts, the admin, the REST API and the health check."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from config import views
from events.schedule.views import site as event_site
from members.views import LoginView, PasswordResetView

admin.site.site_header = "Guildhall administration"
admin.site.site_title = "Guildhall"
admin.site.index_title = "Members, conferences and agenda"

urlpatterns = [
    path("", event_site.home, name="home"),
    path("", include("events.urls")),
    path("", include("members.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(extra_email_context={"site_name": settings.SITE_NAME}),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
]
