"""What the group publishes: the directory and company pages, the case-study library with
its pages and the members' writing of them, the news and the Atom feeds."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from events.schedule.services import schedule_release, schedule_working
from members.models import CASE_STUDY_TEXT_MAX_LENGTHS, CaseStudy, Membership
from tests.factories import (
    AnnouncementFactory,
    CaseStudyFactory,
    ConferenceFactory,
    MemberCompanyFactory,
    MemberFactory,
    OrganizerFactory,
    ProductFactory,
    SlotFactory,
    SubmissionFactory,
    UserFactory,
    slides_attach,
)

pytestmark = pytest.mark.django_db


# Directory and company pages


def test_directory_lists_opted_in_companies_in_good_standing_only(client):
    MemberCompanyFactory(name="Listed")
    MemberCompanyFactory(name="Hidden", directory_opt_in=False)
    MemberCompanyFactory(name="Lapsed", membership__state=Membership.State.LAPSED)

    response = client.get(reverse("members:directory"))

    assert [c.name for c in response.context["companies"]] == ["Listed"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"industry": "banking"}, ["Orbit Bank"]),
        ({"country": "DE"}, ["Nimbus Retail"]),
        ({"industry": "banking", "country": "DE"}, []),
        ({}, ["Nimbus Retail", "Orbit Bank"]),
    ],
)
def test_directory_filters_by_industry_and_country(client, query, expected):
    MemberCompanyFactory(name="Orbit Bank", industry="banking", country="NL")
    MemberCompanyFactory(name="Nimbus Retail", industry="retail", country="DE")

    response = client.get(reverse("members:directory"), query)

    assert [c.name for c in response.context["companies"]] == expected


@pytest.mark.parametrize("count", [1, 5])
def test_directory_runs_fixed_number_of_queries(client, django_assert_num_queries, count):
    for company in MemberCompanyFactory.create_batch(count):
        CaseStudyFactory(company=company, published=True)

    with django_assert_num_queries(2):
        response = client.get(reverse("members:directory"))

    assert len(response.context["companies"]) == count


def released_talk(company, *, title: str, case_study=None, year_offset: int = 0):
    conference = ConferenceFactory(
        starts_on=timezone.localdate() + datetime.timedelta(days=60 - 365 * year_offset)
    )
    speaker = MemberFactory(company=company)
    submission = SubmissionFactory(
        conference=conference,
        title=title,
        state="accepted",
        speakers=[speaker],
        case_study=case_study,
    )
    SlotFactory(
        schedule=schedule_working(conference=conference),
        talk=True,
        submission=submission,
        title="",
    )
    schedule_release(conference=conference, version="1")
    return conference


def test_company_page_shows_talks_across_years_case_studies_and_public_people(client):
    company = MemberCompanyFactory(name="Orbit Bank")
    released_talk(company, title="Streaming at Orbit")
    released_talk(company, title="Orbit two years ago", year_offset=2)
    CaseStudyFactory(company=company, title="Fraud checks", published=True)
    CaseStudyFactory(company=company, title="Secret draft")
    MemberFactory(company=company, public_profile=True, user__first_name="Ada")
    MemberFactory(company=company, public_profile=False, user__first_name="Hidden")

    response = client.get(reverse("members:company", args=[company.slug]))

    content = response.content.decode()
    talks = re.findall(r'/sessions/[^"]+/">([^<]+)</a>', content)
    assert talks == ["Streaming at Orbit", "Orbit two years ago"]
    assert ("Fraud checks" in content, "Secret draft" in content) == (True, False)
    assert ("Ada" in content, "Hidden" in content) == (True, False)


def test_company_page_not_in_directory_is_404(client):
    company = MemberCompanyFactory(directory_opt_in=False)

    assert client.get(reverse("members:company", args=[company.slug])).status_code == 404


@pytest.mark.parametrize("count", [1, 4])
def test_company_page_runs_fixed_number_of_queries(client, django_assert_num_queries, count):
    company = MemberCompanyFactory()
    for index in range(count):
        released_talk(company, title=f"Talk {index}", year_offset=index)
        CaseStudyFactory(company=company, published=True, products=[ProductFactory()])
        MemberFactory(company=company, public_profile=True)

    with django_assert_num_queries(5):
        response = client.get(reverse("members:company", args=[company.slug]))

    assert len(re.findall(r'/sessions/[^"]+/">Talk \d+</a>', response.content.decode())) == count


# The case-study library


@pytest.fixture
def library():
    stream = ProductFactory(name="Polaris Stream", slug="stream")
    warehouse = ProductFactory(name="Polaris Warehouse", slug="warehouse")
    orbit = MemberCompanyFactory(name="Orbit Bank", slug="orbit", industry="banking")
    nimbus = MemberCompanyFactory(name="Nimbus Retail", slug="nimbus", industry="retail")
    CaseStudyFactory(
        company=orbit,
        title="Fraud checks in real time",
        challenge="Card fraud was found days late.",
        results="Fraud losses down 35 percent; alerts within 2 seconds.",
        published=True,
        products=[stream],
    )
    CaseStudyFactory(
        company=nimbus,
        title="Stock levels",
        results="Nightly load from 9 hours to 40 minutes.",
        published=True,
        products=[warehouse],
    )
    CaseStudyFactory(company=nimbus, title="Unpublished", results="Nightly load secrets.")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "nightly"}, ["Stock levels"]),
        ({"q": "fraud losses"}, ["Fraud checks in real time"]),
        ({"q": "nothing-matches-this"}, []),
        ({"industry": "banking"}, ["Fraud checks in real time"]),
        ({"product": "warehouse"}, ["Stock levels"]),
        ({"company": "orbit"}, ["Fraud checks in real time"]),
    ],
)
def test_library_searches_results_and_filters(client, library, query, expected):
    response = client.get(reverse("members:library"), query)

    assert [study.title for study in response.context["studies"]] == expected


def test_library_filters_by_year(client, library):
    CaseStudyFactory(
        title="Old story",
        state=CaseStudy.State.PUBLISHED,
        published_at=datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC),
    )

    response = client.get(reverse("members:library"), {"year": "2024"})

    assert [study.title for study in response.context["studies"]] == ["Old story"]


@pytest.mark.postgres
def test_library_ranks_title_and_results_matches_first_on_postgresql(client):
    CaseStudyFactory(
        title="Warehouse migration", results="Costs halved.", solution="Streaming.", published=True
    )
    CaseStudyFactory(title="Streaming everything", results="Streaming at scale.", published=True)

    response = client.get(reverse("members:library"), {"q": "streaming"})

    assert [study.title for study in response.context["studies"]] == [
        "Streaming everything",
        "Warehouse migration",
    ]


@pytest.mark.parametrize("count", [1, 6])
def test_library_runs_fixed_number_of_queries(client, django_assert_num_queries, count):
    for _ in range(count):
        CaseStudyFactory(published=True, products=[ProductFactory()])

    with django_assert_num_queries(5):
        response = client.get(reverse("members:library"), {"q": "nightly"})

    assert len(response.context["studies"]) == count


def test_case_study_page_links_to_talk_that_presented_it(client):
    study = CaseStudyFactory(published=True, title="<script>x</script> loads")
    conference = released_talk(study.company, title="How we load", case_study=study)
    slot = conference.schedules.released().get().slots.get()

    response = client.get(study.get_absolute_url())
    session = client.get(reverse("events:session", args=[conference.slug, slot.uid]))

    assert reverse("events:session", args=[conference.slug, slot.uid]) in response.content.decode()
    assert "&lt;script&gt;x&lt;/script&gt; loads" in response.content.decode()
    assert study.get_absolute_url() in session.content.decode()


def _study_with_materials():
    study = CaseStudyFactory(published=True, title="Nightly loads")
    conference = released_talk(study.company, title="How we load", case_study=study)
    submission = conference.submissions.get()
    submission.recording_url = "https://video.example.org/watch/how-we-load"
    submission.save(update_fields=["recording_url"])
    slides_attach(submission)
    return study, reverse("events:slides", args=[conference.slug, submission.pk])


def test_case_study_page_links_slides_and_recording_of_its_talk_for_members(client):
    study, slides = _study_with_materials()
    client.force_login(MemberFactory().user)

    text = client.get(study.get_absolute_url()).content.decode()

    assert f'href="{slides}"' in text
    assert 'href="https://video.example.org/watch/how-we-load"' in text


def test_case_study_page_keeps_slides_and_recording_from_the_public(client):
    study, slides = _study_with_materials()

    text = client.get(study.get_absolute_url()).content.decode()

    assert slides not in text
    assert "video.example.org" not in text
    assert "Slides and the recording are available to members" in text


def test_case_study_draft_is_404_for_public_and_other_companies(client):
    study = CaseStudyFactory()

    anonymous = client.get(study.get_absolute_url())
    client.force_login(MemberFactory().user)
    stranger = client.get(study.get_absolute_url())
    client.force_login(MemberFactory(company=study.company).user)
    colleague = client.get(study.get_absolute_url())

    assert (anonymous.status_code, stranger.status_code, colleague.status_code) == (404, 404, 200)


def test_case_study_write_and_submit_through_pages(client):
    member = MemberFactory()
    product = ProductFactory()
    client.force_login(member.user)

    client.post(
        reverse("members:case_study_new"),
        {
            "title": "Faster loads",
            "challenge": "Slow.",
            "solution": "Fast.",
            "results": "9 h to 40 min.",
            "products": [product.pk],
        },
    )
    study = CaseStudy.objects.get()
    client.post(reverse("members:case_study_submit", args=[study.pk]))

    study.refresh_from_db()
    assert (study.company, study.state, list(study.products.all())) == (
        member.company,
        CaseStudy.State.IN_REVIEW,
        [product],
    )


def test_case_study_form_missing_results_shown_next_to_field(client):
    client.force_login(MemberFactory().user)

    response = client.post(
        reverse("members:case_study_new"),
        {"title": "Faster loads", "challenge": "Slow.", "solution": "Fast.", "results": ""},
    )

    assert (response.status_code, list(response.context["form"].errors)) == (200, ["results"])


@pytest.mark.parametrize("field", ["challenge", "solution", "results"])
def test_case_study_form_over_length_text_shown_next_to_field(client, field):
    client.force_login(MemberFactory().user)
    data = {"title": "Faster loads", "challenge": "Slow.", "solution": "Fast.", "results": "9 h"}
    data[field] = "x" * (CASE_STUDY_TEXT_MAX_LENGTHS[field] + 1)

    response = client.post(reverse("members:case_study_new"), data)

    assert (response.status_code, list(response.context["form"].errors)) == (200, [field])
    assert CaseStudy.objects.count() == 0


def test_case_study_edit_of_other_company_is_404(client):
    study = CaseStudyFactory()
    client.force_login(MemberFactory().user)

    assert client.get(reverse("members:case_study_edit", args=[study.pk])).status_code == 404


def test_case_study_new_for_person_without_company_forbidden(client):
    client.force_login(UserFactory())

    assert client.get(reverse("members:case_study_new")).status_code == 403


def test_case_study_draft_visible_to_organizer(client):
    study = CaseStudyFactory()
    client.force_login(OrganizerFactory())

    assert client.get(study.get_absolute_url()).status_code == 200


# News and feeds


def test_announcements_future_ones_hidden(client):
    AnnouncementFactory(title="Out now")
    AnnouncementFactory(title="Tomorrow", published_at=timezone.now() + datetime.timedelta(days=1))

    response = client.get(reverse("members:announcements"))

    assert [a.title for a in response.context["announcements"]] == ["Out now"]


@pytest.mark.parametrize("count", [1, 5])
def test_case_study_feed_is_atom_with_fixed_queries(client, django_assert_num_queries, count):
    CaseStudyFactory.create_batch(count, published=True, results="<b>9 h</b> to 40 min")
    CaseStudyFactory(title="Draft")

    with django_assert_num_queries(1):
        response = client.get(reverse("members:case_study_feed"))

    content = response.content.decode()
    assert (
        response["Content-Type"].startswith("application/atom+xml"),
        content.count("<entry>"),
    ) == (
        True,
        count,
    )
    assert "<b>" not in content


@pytest.mark.parametrize("count", [1, 5])
def test_announcement_feed_is_atom_with_fixed_queries(client, django_assert_num_queries, count):
    AnnouncementFactory.create_batch(count)

    with django_assert_num_queries(1):
        response = client.get(reverse("members:announcement_feed"))

    assert response.content.decode().count("<entry>") == count
