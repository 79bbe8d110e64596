"""The members' pages, under the "members" namespace."""

from django.urls import path, re_path

from members import views

app_name = "members"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/verify/<str:token>/", views.signup_verify, name="signup_verify"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("profile/", views.profile, name="profile"),
    path("profile/email/", views.mail_preferences, name="mail_preferences"),
    path("email/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("account/api-tokens/", views.api_tokens, name="api_tokens"),
    path(
        "account/api-tokens/<int:pk>/revoke/",
        views.api_token_revoke_view,
        name="api_token_revoke",
    ),
    path("company/", views.team, name="team"),
    path("company/invite/", views.team_invite, name="team_invite"),
    path("company/logo/", views.team_logo, name="team_logo"),
    path("company/people/<int:pk>/remove/", views.team_remove, name="team_remove"),
    path("company/people/<int:pk>/primary/", views.team_hand_over, name="team_hand_over"),
    path("company/invitations/<int:pk>/withdraw/", views.team_withdraw, name="team_withdraw"),
    path("members/", views.directory, name="directory"),
    re_path(
        r"^media/images/(?P<kind>photos|logos)/(?P<owner>[0-9]{1,18})/"
        r"(?P<name>[0-9a-f]{20}-[0-9]{2,4}\.(?:jpg|png))$",
        views.stored_image,
        name="stored_image",
    ),
    path("members/<slug:slug>/", views.company, name="company"),
    path("case-studies/", views.library, name="library"),
    path("case-studies/feed/", views.CaseStudyFeed(), name="case_study_feed"),
    path("case-studies/mine/", views.case_studies_mine, name="case_studies_mine"),
    path("case-studies/new/", views.case_study_edit, name="case_study_new"),
    path("case-studies/<int:pk>/edit/", views.case_study_edit, name="case_study_edit"),
    path("case-studies/<int:pk>/submit/", views.case_study_submit_view, name="case_study_submit"),
    path(
        "case-studies/<slug:company_slug>/<slug:slug>/",
        views.case_study,
        name="case_study",
    ),
    path("news/", views.announcements, name="announcements"),
    path("news/feed/", views.AnnouncementFeed(), name="announcement_feed"),
    path("news/<slug:slug>/", views.announcement, name="announcement"),
]
