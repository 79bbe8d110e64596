"""The evaluation form, a speaker's results, the certificate PDF and its public verification
page (events/evaluations/views.py), and where My agenda and the session page link to them."""

import datetime
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from events.evaluations.services import certificate_issue
from events.models import Certificate, Evaluation, SessionAttendance
from tests.factories import (
    AgendaItemFactory,
    MemberFactory,
    OrganizerFactory,
    RegistrationFactory,
    SlotFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def first_day() -> datetime.date:
    """The conference was held three days ago, so its sessions have ended."""
    return timezone.localdate() - datetime.timedelta(days=3)


def evaluate_url(hall, uid=None) -> str:
    return reverse("events:evaluate", args=[hall.conference.slug, uid or hall.talk.uid])


VALID = {"content_rating": "4", "speaker_rating": "5", "comment": "Useful <script>x</script>"}


def test_evaluate_page_shows_the_form_to_an_attendee_after_the_session(client, hall):
    client.force_login(hall.attendee.user)

    response = client.get(evaluate_url(hall))

    assert response.status_code == 200
    assert b'name="content_rating"' in response.content
    assert b'name="speaker_rating"' in response.content
    assert "Evaluate “Compilers at scale”" in response.text


def test_evaluate_records_the_evaluation_and_goes_back_to_my_agenda(client, hall):
    client.force_login(hall.attendee.user)

    response = client.post(evaluate_url(hall), VALID)

    assert response.status_code == 302
    assert response["Location"].endswith("#evaluations")
    evaluation = Evaluation.objects.get()
    assert (evaluation.registration, evaluation.content_rating, evaluation.speaker_rating) == (
        hall.registration,
        4,
        5,
    )


def test_evaluate_without_ratings_is_a_form_error_at_the_fields(client, hall):
    client.force_login(hall.attendee.user)

    response = client.post(evaluate_url(hall), {"comment": "Nice"})

    assert response.status_code == 400
    assert response.text.count("This field is required.") == 2
    assert not Evaluation.objects.exists()


def test_evaluate_with_a_too_long_comment_is_a_form_error(client, hall):
    client.force_login(hall.attendee.user)

    response = client.post(evaluate_url(hall), VALID | {"comment": "x" * 2001})

    assert response.status_code == 400
    assert "at most 2000 characters" in response.text
    assert not Evaluation.objects.exists()


def test_evaluate_by_someone_who_did_not_attend_is_refused_clearly(client, hall):
    stranger = RegistrationFactory(conference=hall.conference)
    client.force_login(stranger.user)

    page = client.get(evaluate_url(hall))
    sent = client.post(evaluate_url(hall), VALID)

    assert (page.status_code, sent.status_code) == (403, 403)
    assert "Only people who attended “Compilers at scale” can evaluate it." in page.text
    assert not Evaluation.objects.exists()


def test_evaluate_before_the_session_ends_is_refused_clearly(client, hall):
    now = timezone.now()
    later = SlotFactory(
        schedule=hall.release,
        talk=True,
        start=now - datetime.timedelta(minutes=10),
        end=now + datetime.timedelta(minutes=20),
    )
    AgendaItemFactory(registration=hall.registration, slot_uid=later.uid)
    client.force_login(hall.attendee.user)

    response = client.post(evaluate_url(hall, later.uid), VALID)

    assert response.status_code == 403
    assert "once it has ended" in response.text
    assert not Evaluation.objects.exists()


def test_evaluate_a_second_time_sends_back_to_my_agenda_without_a_second_record(client, hall):
    client.force_login(hall.attendee.user)
    client.post(evaluate_url(hall), VALID)

    response = client.post(evaluate_url(hall), VALID | {"content_rating": "1"}, follow=True)

    assert "You have already evaluated this session." in response.text
    assert Evaluation.objects.get().content_rating == 4


def test_evaluate_an_unknown_session_is_a_404(client, hall):
    client.force_login(hall.attendee.user)

    response = client.get(evaluate_url(hall, "0b7b0b5e-2f7a-4d7e-9a5b-000000000000"))

    assert response.status_code == 404


def test_evaluate_by_someone_not_registered_sends_them_to_register(client, hall):
    client.force_login(UserFactory())

    response = client.post(evaluate_url(hall), VALID)

    assert response.status_code == 302
    assert response["Location"] == reverse("events:register", args=[hall.conference.slug])
    assert not Evaluation.objects.exists()


def test_evaluate_sends_anonymous_visitors_to_log_in(client, hall):
    response = client.get(evaluate_url(hall))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_my_agenda_lists_attended_sessions_with_evaluate_links_and_the_certificate(client, hall):
    client.force_login(hall.attendee.user)

    response = client.get(reverse("events:agenda", args=[hall.conference.slug]))

    assert evaluate_url(hall) in response.text
    assert reverse("events:certificate", args=[hall.conference.slug]) in response.text
    assert "1.5 credit hours" in response.text


@pytest.mark.parametrize("sessions", [1, 8])
def test_my_agenda_after_the_sessions_takes_the_same_queries_for_one_or_many(
    client, hall, django_assert_num_queries, sessions
):
    for number in range(1, sessions):
        slot = SlotFactory(schedule=hall.release, talk=True, start=hall.at(9 + number))
        AgendaItemFactory(registration=hall.registration, slot_uid=slot.uid)
    client.force_login(hall.attendee.user)

    with django_assert_num_queries(15):
        response = client.get(reverse("events:agenda", args=[hall.conference.slug]))

    assert response.text.count("/evaluate/") == sessions


def test_my_agenda_before_the_conference_offers_no_evaluation(client, hall):
    hall.conference.starts_on = timezone.localdate() + datetime.timedelta(days=10)
    hall.conference.ends_on = hall.conference.starts_on
    hall.conference.save()
    client.force_login(hall.attendee.user)

    response = client.get(reverse("events:agenda", args=[hall.conference.slug]))

    assert "/evaluate/" not in response.text
    assert reverse("events:certificate", args=[hall.conference.slug]) not in response.text


def test_my_agenda_marks_an_evaluated_session(client, hall):
    client.force_login(hall.attendee.user)
    client.post(evaluate_url(hall), VALID)

    response = client.get(reverse("events:agenda", args=[hall.conference.slug]))

    assert evaluate_url(hall) not in response.text
    assert ">Evaluated<" in response.text


def test_session_page_offers_the_evaluation_to_an_attendee_after_it_ends(client, hall):
    session_url = reverse("events:session", args=[hall.conference.slug, hall.talk.uid])
    client.force_login(hall.attendee.user)

    offered = client.get(session_url)
    client.post(evaluate_url(hall), VALID)
    done = client.get(session_url)

    assert evaluate_url(hall) in offered.text
    assert evaluate_url(hall) not in done.text
    assert "You have evaluated this session." in done.text


def test_session_page_offers_no_evaluation_to_someone_who_did_not_attend(client, hall):
    client.force_login(RegistrationFactory(conference=hall.conference).user)

    response = client.get(reverse("events:session", args=[hall.conference.slug, hall.talk.uid]))

    assert evaluate_url(hall) not in response.text


def results_url(hall) -> str:
    return reverse("events:speaker_results", args=[hall.conference.slug])


def test_speaker_results_show_the_speakers_averages_and_comments_escaped(client, hall):
    client.force_login(hall.attendee.user)
    client.post(evaluate_url(hall), VALID)
    other = RegistrationFactory(conference=hall.conference)
    AgendaItemFactory(registration=other, slot_uid=hall.talk.uid)
    client.force_login(other.user)
    client.post(evaluate_url(hall), {"content_rating": "3", "speaker_rating": "2"})
    client.force_login(hall.speaker.user)

    response = client.get(results_url(hall))

    assert response.status_code == 200
    assert "3.5 / 5" in response.text  # both averages
    assert "Useful &lt;script&gt;x&lt;/script&gt;" in response.text
    assert "<script>x" not in response.text
    assert "Lovelace" not in response.text


def test_speaker_results_show_no_other_speakers_sessions(client, hall):
    other_talk = SlotFactory(schedule=hall.release, talk=True, start=hall.at(11), end=hall.at(12))
    client.force_login(hall.speaker.user)

    response = client.get(results_url(hall))

    assert "Compilers at scale" in response.text
    assert other_talk.submission is not None
    assert other_talk.submission.title not in response.text


@pytest.mark.parametrize("who", ["attendee", "member", "organizer"])
def test_speaker_results_are_a_404_for_anyone_who_does_not_speak(client, hall, who):
    user = {
        "attendee": hall.attendee.user,
        "member": MemberFactory().user,
        "organizer": OrganizerFactory(),
    }[who]
    client.force_login(user)

    response = client.get(results_url(hall))

    assert response.status_code == 404


def certificate_url(hall) -> str:
    return reverse("events:certificate", args=[hall.conference.slug])


def test_certificate_download_is_a_pdf_with_the_sessions_and_a_verification_link(
    client, hall, tmp_path
):
    client.force_login(hall.attendee.user)

    response = client.get(certificate_url(hall))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    certificate = Certificate.objects.get()
    source = tmp_path / "certificate.pdf"
    source.write_bytes(response.content)
    pdftotext = shutil.which("pdftotext")
    assert pdftotext is not None, "pdftotext is missing: apt-get install poppler-utils"
    text = subprocess.run(  # noqa: S603 - a poppler tool with fixed arguments
        [pdftotext, str(source), "-"], capture_output=True, check=True, text=True
    ).stdout
    text = " ".join(text.split())
    assert "Ada Lovelace" in text
    assert "Compilers at scale" in text
    assert "1.5 continuing-education credit hours" in text
    assert f"http://testserver/certificates/{certificate.code}/" in text


def test_certificate_download_with_nothing_attended_is_refused_clearly(client, hall):
    stranger = RegistrationFactory(conference=hall.conference)
    client.force_login(stranger.user)

    response = client.get(certificate_url(hall), follow=True)

    assert "there is none yet that has ended" in response.text
    assert not Certificate.objects.exists()


def test_certificate_download_by_someone_not_registered_sends_them_to_register(client, hall):
    client.force_login(UserFactory())

    response = client.get(certificate_url(hall))

    assert response.status_code == 302
    assert not Certificate.objects.exists()


def verify_url(code: str) -> str:
    return reverse("events:certificate_verify", args=[code])


def test_certificate_verify_shows_name_conference_and_credits_only(client, hall):
    SessionAttendance.objects.create(
        registration=hall.registration, slot_uid=hall.talk.uid, at=hall.at(9)
    )
    certificate = certificate_issue(registration=hall.registration)

    response = client.get(verify_url(certificate.code))

    assert response.status_code == 200
    assert "Ada Lovelace" in response.text
    assert "Summit 2030" in response.text
    assert "1.5" in response.text
    assert "Compilers at scale" not in response.text
    assert hall.attendee.user.email not in response.text
    assert response["X-Robots-Tag"] == "noindex"


def test_certificate_verify_accepts_the_code_typed_in_lower_case(client, hall):
    certificate = certificate_issue(registration=hall.registration)

    response = client.get(verify_url(certificate.code.lower()))

    assert response.status_code == 200


@pytest.mark.parametrize("code", ["ABCDE-FGHJK-MNPQR", "nothing"])
def test_certificate_verify_of_an_unknown_code_is_a_404(client, hall, code):
    certificate_issue(registration=hall.registration)

    response = client.get(verify_url(code))

    assert response.status_code == 404


def test_certificate_verify_of_a_code_with_other_characters_is_a_404_without_a_query(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/certificates/AB%00CD/")

    assert response.status_code == 404
