"""Public conference URLs, under the "events" namespace."""

from django.urls import path, re_path

from events.attendance.views import agenda, capacity, subscribe
from events.cfp import views as cfp
from events.checkin import views as checkin
from events.evaluations import views as evaluations
from events.review import views as review
from events.schedule.views import conference, feeds, program, share, site

app_name = "events"

urlpatterns = [
    path("schedule/", site.schedule_current, name="schedule_current"),
    path("speakers/", site.speakers_current, name="speakers_current"),
    path("agenda/", agenda.agenda_current, name="agenda_current"),
    path("conferences/<slug:slug>/", conference.conference_detail, name="conference"),
    path("conferences/<slug:slug>/schedule/", site.schedule, name="schedule"),
    path(
        "conferences/<slug:slug>/sessions/<uuid:uid>/",
        site.session_detail,
        name="session",
    ),
    path(
        "conferences/<slug:slug>/sessions/<uuid:uid>/share.png",
        share.session_share_image,
        name="session_share_image",
    ),
    path("conferences/<slug:slug>/sessions/<uuid:uid>/star/", agenda.star, name="star"),
    path("conferences/<slug:slug>/sessions/<uuid:uid>/signup/", capacity.signup, name="signup"),
    path("conferences/<slug:slug>/speakers/", site.speakers, name="speakers"),
    path(
        "conferences/<slug:slug>/speakers/<int:member_id>/",
        site.speaker_detail,
        name="speaker",
    ),
    path("conferences/<slug:slug>/agenda/", agenda.agenda, name="agenda"),
    path("conferences/<slug:slug>/register/", agenda.register, name="register"),
    path(
        "conferences/<slug:slug>/register/cancel/",
        capacity.cancel,
        name="registration_cancel",
    ),
    path(
        "conferences/<slug:slug>/registrations/",
        capacity.company,
        name="company_registrations",
    ),
    path(
        "conferences/<slug:slug>/sessions/<uuid:uid>.ics",
        feeds.session_ics,
        name="session_ics",
    ),
    path("conferences/<slug:slug>/schedule.ics", feeds.schedule_ics, name="schedule_ics"),
    path(
        "conferences/<slug:slug>/tracks/<slug:track_slug>.ics",
        feeds.track_ics,
        name="track_ics",
    ),
    path("conferences/<slug:slug>/schedule.xml", feeds.schedule_xml_export, name="schedule_xml"),
    path("conferences/<slug:slug>/schedule.json", feeds.schedule_json_export, name="schedule_json"),
    # A token is base64url (secrets.token_urlsafe): anything else, a NUL for one, is a 404
    # before it reaches a query.
    path("agenda/<slug:token>.ics", feeds.agenda_ics, name="agenda_ics"),
    path("conferences/<slug:slug>/subscribe/", subscribe.subscribe, name="subscribe"),
    path(
        "conferences/<slug:slug>/subscribe/new-address/",
        subscribe.calendar_token_regenerate,
        name="calendar_token_regenerate",
    ),
    # Check-in and badges
    path("checkin/", checkin.checkin_current, name="checkin_current"),
    path("conferences/<slug:slug>/checkin/", checkin.checkin, name="checkin"),
    path("conferences/<slug:slug>/badge.pdf", checkin.my_badge, name="my_badge"),
    path("conferences/<slug:slug>/badges.pdf", checkin.badges, name="badges"),
    path(
        "conferences/<slug:slug>/badges/<int:registration_id>.pdf",
        checkin.badge,
        name="badge",
    ),
    # Evaluations and certificates
    path(
        "conferences/<slug:slug>/sessions/<uuid:uid>/evaluate/",
        evaluations.evaluate,
        name="evaluate",
    ),
    path(
        "conferences/<slug:slug>/my/evaluations/",
        evaluations.speaker_results,
        name="speaker_results",
    ),
    path("conferences/<slug:slug>/certificate.pdf", evaluations.certificate, name="certificate"),
    # A code is letters and digits in groups joined by dashes (typed in any case): anything
    # else, a NUL for one, is a 404 before it reaches a query.
    re_path(
        r"^certificates/(?P<code>[0-9A-Za-z-]{1,40})/$",
        evaluations.certificate_verify,
        name="certificate_verify",
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
    path(
        "conferences/<slug:slug>/cfp/<int:pk>/delete/",
        cfp.submission_delete_view,
        name="submission_delete",
    ),
    path(
        "conferences/<slug:slug>/cfp/<int:pk>/invitations/<int:invitation_pk>/revoke/",
        cfp.invitation_revoke_view,
        name="invitation_revoke",
    ),
    path(
        "conferences/<slug:slug>/cfp/<int:pk>/slides/",
        cfp.submission_slides,
        name="submission_slides",
    ),
    path("conferences/<slug:slug>/talks/<int:pk>/slides.pdf", cfp.slides_download, name="slides"),
    path("my/submissions/", cfp.my_submissions, name="my_submissions"),
    path("cfp/invitations/<str:token>/", cfp.invitation, name="invitation"),
    # The program committee
    path("review/", review.review_index, name="review_index"),
    path("review/<slug:slug>/", review.review_queue, name="review_queue"),
    path("review/<slug:slug>/<int:pk>/", review.review_detail, name="review"),
    path("conferences/<slug:slug>/program.pdf", program.program_pdf, name="program_pdf"),
]
