"""Public conference URLs, under the "events" namespace."""

from django.urls import path

from events.views import cfp, review, site

app_name = "events"

urlpatterns = [
    path(
        "conferences/<slug:slug>/sessions/<uuid:uid>/",
        site.session_detail,
        name="session",
    ),
    # The call for papers
    path("cfp/", cfp.cfp_index, name="cfp_index"),
    path("conferences/<slug:slug>/cfp/", cfp.cfp_detail, name="cfp"),
    path("conferences/<slug:slug>/cfp/new/", cfp.submission_new, name="submission_new"),
    path(
        "conferences/<slug:slug>/cfp/<int:pk>/edit/",
        cfp.submission_edit,
        name="submission_edit",
    ),
    path(
        "conferences/<slug:slug>/cfp/<int:pk>/submit/",
        cfp.submission_submit,
        name="submission_submit",
    ),
    path(
        "conferences/<slug:slug>/cfp/<int:pk>/confirm/",
        cfp.submission_confirm,
        name="submission_confirm",
    ),
    path(
        "conferences/<slug:slug>/cfp/<int:pk>/withdraw/",
        cfp.submission_withdraw,
        name="submission_withdraw",
    ),
    path("my/submissions/", cfp.my_submissions, name="my_submissions"),
    path("invitations/<str:token>/", cfp.invitation, name="invitation"),
    # The program committee
    path("review/", review.review_index, name="review_index"),
    path("review/<slug:slug>/", review.review_queue, name="review_queue"),
    path("review/<slug:slug>/<int:pk>/", review.review_detail, name="review"),
]
