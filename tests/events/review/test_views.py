"""The program committee's pages: what each reviewer may review, their progress, the review
form, conflicts of interest and anonymous review."""

import datetime

import pytest
from django.urls import reverse

from events.models import Evaluation, Review, Submission
from tests.factories import (
    ConferenceFactory,
    MemberFactory,
    RegistrationFactory,
    ReviewerFactory,
    ReviewFactory,
    ScheduleFactory,
    SlotFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SUBMITTED = Submission.State.SUBMITTED


@pytest.fixture
def reviewer():
    return MemberFactory(user=ReviewerFactory(), company__name="Orbit Bank").user


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.fixture
def conference():
    return ConferenceFactory(slug="summit", reviews_anonymous=True)


@pytest.fixture
def proposal(conference):
    speaker = MemberFactory(
        user__first_name="Grace", user__last_name="Hopper", company__name="Nimbus Retail"
    )
    return SubmissionFactory(
        conference=conference,
        state=SUBMITTED,
        title="Stock levels every minute",
        speakers=[speaker],
        notes="<script>alert('notes')</script>",
    )


@pytest.fixture
def own_company_proposal(conference, reviewer):
    colleague = MemberFactory(company=reviewer.member.company)
    return SubmissionFactory(
        conference=conference, state=SUBMITTED, title="Colleague's talk", speakers=[colleague]
    )


def test_review_pages_refuse_people_outside_the_committee(client, conference, proposal):
    client.force_login(MemberFactory().user)

    statuses = [
        client.get(reverse("events:review_index")).status_code,
        client.get(reverse("events:review_queue", args=["summit"])).status_code,
        client.get(reverse("events:review", args=["summit", proposal.pk])).status_code,
    ]

    assert statuses == [403, 403, 403]


def test_review_pages_send_visitors_to_log_in(client):
    response = client.get(reverse("events:review_index"))

    assert response["Location"].startswith(reverse("login"))


def test_review_index_lists_conferences_under_review(reviewer_client, proposal):
    ConferenceFactory(name="Nothing to review here")

    response = reviewer_client.get(reverse("events:review_index"))

    text = response.content.decode()
    assert reverse("events:review_queue", args=["summit"]) in text
    assert "1 proposal under review" in text
    assert "Nothing to review here" not in text


def test_review_queue_leaves_out_own_company_and_shows_progress(
    reviewer_client, reviewer, proposal, own_company_proposal, conference
):
    reviewed = SubmissionFactory(conference=conference, state=SUBMITTED, title="Done already")
    ReviewFactory(submission=reviewed, reviewer=reviewer, score=3)
    SubmissionFactory(conference=conference, title="A draft")

    response = reviewer_client.get(reverse("events:review_queue", args=["summit"]))

    text = response.content.decode()
    assert [s.title for s in response.context["submissions"]] == [
        "Stock levels every minute",
        "Done already",
    ]
    assert "You have reviewed 1 of 2 proposals." in text
    assert "Colleague" not in text


def test_review_queue_in_anonymous_mode_names_no_speaker_or_company(reviewer_client, proposal):
    response = reviewer_client.get(reverse("events:review_queue", args=["summit"]))
    detail = reviewer_client.get(reverse("events:review", args=["summit", proposal.pk]))

    for page in (response, detail):
        text = page.content.decode()
        assert "Stock levels every minute" in text
        assert "Hopper" not in text
        assert "Nimbus" not in text


def test_review_pages_name_speakers_when_reviews_are_not_anonymous(
    reviewer_client, proposal, conference
):
    conference.reviews_anonymous = False
    conference.save()

    response = reviewer_client.get(reverse("events:review_queue", args=["summit"]))
    detail = reviewer_client.get(reverse("events:review", args=["summit", proposal.pk]))

    for page in (response, detail):
        assert "Grace Hopper (Nimbus Retail)" in page.content.decode()


def test_review_of_own_company_proposal_is_404(reviewer_client, own_company_proposal):
    url = reverse("events:review", args=["summit", own_company_proposal.pk])

    get = reviewer_client.get(url)
    post = reviewer_client.post(url, {"score": 5, "comment": "Great"})

    assert (get.status_code, post.status_code, Review.objects.count()) == (404, 404, 0)


def test_review_of_own_proposal_as_guest_is_404(client, conference):
    reviewer = ReviewerFactory()
    guest = MemberFactory(user=reviewer, company=None)
    mine = SubmissionFactory(conference=conference, state=SUBMITTED, speakers=[guest])
    client.force_login(reviewer)

    response = client.get(reverse("events:review", args=["summit", mine.pk]))

    assert response.status_code == 404


def test_review_of_draft_is_404(reviewer_client, conference):
    draft = SubmissionFactory(conference=conference)

    response = reviewer_client.get(reverse("events:review", args=["summit", draft.pk]))

    assert response.status_code == 404


def test_review_saved_and_next_proposal_opened(reviewer_client, reviewer, proposal, conference):
    following = SubmissionFactory(conference=conference, state=SUBMITTED)

    response = reviewer_client.post(
        reverse("events:review", args=["summit", proposal.pk]),
        {"score": "4", "comment": "Clear <b>results</b>."},
    )

    assert (response.status_code, response["Location"]) == (
        302,
        reverse("events:review", args=["summit", following.pk]),
    )
    assert list(Review.objects.values_list("reviewer", "score", "comment")) == [
        (reviewer.pk, 4, "Clear <b>results</b>.")
    ]


def test_review_last_one_returns_to_the_queue(reviewer_client, proposal):
    response = reviewer_client.post(
        reverse("events:review", args=["summit", proposal.pk]), {"score": "2"}
    )

    assert response["Location"] == reverse("events:review_queue", args=["summit"])


def test_review_form_shows_own_earlier_review_and_updates_it(reviewer_client, reviewer, proposal):
    ReviewFactory(submission=proposal, reviewer=reviewer, score=2, comment="Thin")
    url = reverse("events:review", args=["summit", proposal.pk])

    form = reviewer_client.get(url).context["form"]
    reviewer_client.post(url, {"score": "5", "comment": "Better on second reading"})

    assert (form["score"].value(), form["comment"].value()) == (2, "Thin")
    assert list(Review.objects.values_list("score", "comment")) == [(5, "Better on second reading")]


@pytest.mark.parametrize("score", ["", "0", "6", "five"])
def test_review_with_bad_score_comes_back_with_the_comment(reviewer_client, proposal, score):
    response = reviewer_client.post(
        reverse("events:review", args=["summit", proposal.pk]),
        {"score": score, "comment": "Kept text"},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["score"]
    assert response.context["form"]["comment"].value() == "Kept text"
    assert Review.objects.count() == 0


def test_review_page_escapes_speaker_text(reviewer_client, proposal):
    response = reviewer_client.get(reverse("events:review", args=["summit", proposal.pk]))

    text = response.content.decode()
    assert "&lt;script&gt;alert(&#x27;notes&#x27;)&lt;/script&gt;" in text
    assert "<script>alert" not in text


@pytest.mark.parametrize("count", [1, 5])
def test_review_queue_queries_do_not_grow(
    reviewer_client, reviewer, conference, django_assert_num_queries, count
):
    conference.reviews_anonymous = False
    conference.save()
    for _ in range(count):
        submission = SubmissionFactory(
            conference=conference, state=SUBMITTED, speakers=[MemberFactory(), MemberFactory()]
        )
        ReviewFactory(submission=submission, reviewer=reviewer)

    with django_assert_num_queries(6):
        response = reviewer_client.get(reverse("events:review_queue", args=["summit"]))

    assert response.context["done"] == count


def test_nav_shows_review_link_to_reviewers_only(client, reviewer):
    client.force_login(reviewer)
    as_reviewer = client.get(reverse("home")).content.decode()
    client.force_login(UserFactory())
    as_other = client.get(reverse("home")).content.decode()

    link = f'href="{reverse("events:review_index")}"'
    assert (link in as_reviewer, link in as_other) == (True, False)


def _past_evaluations(member, ratings) -> None:
    """A talk of `member` at an earlier conference, evaluated with these (content, speaker)
    ratings."""
    last_year = ConferenceFactory(starts_on=datetime.date(2020, 6, 1))
    release = ScheduleFactory(conference=last_year, released=True)
    talk = SubmissionFactory(conference=last_year, state="accepted", speakers=[member])
    slot = SlotFactory(schedule=release, kind="talk", title="", submission=talk)
    for content, speaker in ratings:
        Evaluation.objects.create(
            registration=RegistrationFactory(conference=last_year),
            slot_uid=slot.uid,
            content_rating=content,
            speaker_rating=speaker,
        )


def test_review_page_shows_the_speakers_past_evaluations_when_reviews_are_open(
    reviewer_client, proposal, conference
):
    conference.reviews_anonymous = False
    conference.save()
    _past_evaluations(proposal.speakers.get(), [(5, 4), (4, 4)])

    detail = reviewer_client.get(reverse("events:review", args=["summit", proposal.pk]))

    text = detail.content.decode()
    assert "Grace Hopper: content 4.5, speaker 4.0 out of 5 (2 evaluations" in text


def test_review_page_says_when_a_speaker_has_no_past_evaluations(
    reviewer_client, proposal, conference
):
    conference.reviews_anonymous = False
    conference.save()

    detail = reviewer_client.get(reverse("events:review", args=["summit", proposal.pk]))

    assert "Grace Hopper: no evaluations at earlier conferences" in detail.content.decode()


def test_review_page_in_anonymous_mode_shows_no_past_evaluations(reviewer_client, proposal):
    _past_evaluations(proposal.speakers.get(), [(5, 4)])

    detail = reviewer_client.get(reverse("events:review", args=["summit", proposal.pk]))

    text = detail.content.decode()
    assert "Past evaluations" not in text
    assert "4.5" not in text
    assert "out of 5" not in text
