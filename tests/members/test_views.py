"""The members' pages: sign-up, invitations, profile, the primary contact's page, the
directory and company pages, the case-study library, news and the Atom feeds."""

import datetime
import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from events.schedule.services import schedule_release, schedule_working
from members import tokens
from members.models import CaseStudy, Invitation, Member, Membership
from tests.factories import (
    AnnouncementFactory,
    CaseStudyFactory,
    CompanyDomainFactory,
    ConferenceFactory,
    InvitationFactory,
    MemberCompanyFactory,
    MemberFactory,
    OrganizerFactory,
    ProductFactory,
    SlotFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PASSPHRASE = "a long enough passphrase"  # noqa: S105 - test accounts only


def link_in_last_mail() -> str:
    found = re.search(r"https?://\S+", str(mail.outbox[-1].body))
    assert found is not None
    return found.group(0).split("8000", 1)[-1]


# Sign-up


def test_signup_sends_link_then_verified_address_creates_account_and_joins_company(client):
    domain = CompanyDomainFactory(domain="orbit.example", company__name="Orbit Bank")

    sent = client.post(
        reverse("members:signup"),
        {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@orbit.example"},
    )
    page = client.get(link_in_last_mail())
    done = client.post(
        link_in_last_mail(),
        {
            "first_name": "Ada",
            "last_name": "Lovelace",
            "password1": PASSPHRASE,
            "password2": PASSPHRASE,
        },
        follow=True,
    )

    member = Member.objects.get(user__email="ada@orbit.example")
    assert (sent.status_code, page.status_code, done.status_code, member.company) == (
        200,
        200,
        200,
        domain.company,
    )
    assert "You joined Orbit Bank." in done.content.decode()
    assert done.context["user"].is_authenticated


def test_signup_verify_link_used_twice_refused(client):
    client.post(
        reverse("members:signup"),
        {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@orbit.example"},
    )
    url = link_in_last_mail()
    form = {"first_name": "Ada", "last_name": "L", "password1": PASSPHRASE, "password2": PASSPHRASE}
    client.post(url, form)
    client.logout()

    again = client.post(url, form)

    assert (again.status_code, get_user_model().objects.count()) == (400, 1)
    assert "This link has been used" in again.content.decode()


def test_signup_verify_expired_link_refused(client):
    class PastSigner(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time() - tokens.SIGNUP_MAX_AGE.total_seconds() - 9))

    token = PastSigner(salt=tokens.SIGNUP_SALT).sign_object(
        {"email": "ada@orbit.example", "first_name": "", "last_name": ""}, compress=True
    )

    response = client.get(reverse("members:signup_verify", args=[token]))

    assert response.status_code == 400
    assert "This link has expired." in response.content.decode()


def test_signup_verify_mismatched_passwords_shown_next_to_field(client):
    client.post(
        reverse("members:signup"),
        {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@orbit.example"},
    )

    response = client.post(
        link_in_last_mail(),
        {"first_name": "Ada", "last_name": "L", "password1": PASSPHRASE, "password2": "other"},
    )

    assert (response.status_code, response.context["form"].errors["password2"]) == (
        200,
        ["The two passwords differ."],
    )
    assert get_user_model().objects.count() == 0


def test_signup_invalid_address_shown_next_to_field(client):
    response = client.post(
        reverse("members:signup"), {"first_name": "A", "last_name": "B", "email": "not-an-address"}
    )

    assert (response.status_code, list(response.context["form"].errors), len(mail.outbox)) == (
        200,
        ["email"],
        0,
    )


# Invitations


@pytest.fixture
def primary():
    return MemberFactory(
        company__name="Orbit Bank",
        company__membership__tier__seats=5,
        is_primary_contact=True,
        user__email="ada@orbit.example",
    )


def test_invitation_link_new_person_creates_account_and_joins(client, primary):
    client.force_login(primary.user)
    client.post(reverse("members:team_invite"), {"email": "grace@orbit.example"})
    client.logout()
    url = link_in_last_mail()

    page = client.get(url)
    response = client.post(
        url,
        {
            "first_name": "Grace",
            "last_name": "Hopper",
            "password1": PASSPHRASE,
            "password2": PASSPHRASE,
        },
    )

    member = Member.objects.get(user__email="grace@orbit.example")
    assert (page.status_code, response.status_code, member.company) == (
        200,
        302,
        primary.company,
    )
    assert Invitation.objects.get().accepted_by == member.user


def test_invitation_link_reused_refused(client, primary):
    client.force_login(primary.user)
    client.post(reverse("members:team_invite"), {"email": "grace@orbit.example"})
    client.logout()
    url = link_in_last_mail()
    form = {"first_name": "G", "last_name": "H", "password1": PASSPHRASE, "password2": PASSPHRASE}
    client.post(url, form)
    client.logout()

    again = client.get(url)

    assert again.status_code == 400
    assert "This invitation has already been used." in again.content.decode()


def test_invitation_link_existing_account_asks_to_log_in(client, primary):
    invitation = InvitationFactory(company=primary.company, email="grace@orbit.example")
    UserFactory(email="grace@orbit.example")
    token = tokens.email_link_make({"invitation": invitation.pk}, salt=tokens.INVITATION_SALT)

    response = client.get(reverse("members:invitation", args=[token]))

    assert (response.status_code, "login_url" in response.context) == (200, True)


def test_invitation_link_logged_in_as_other_person_refused(client, primary):
    invitation = InvitationFactory(company=primary.company, email="grace@orbit.example")
    token = tokens.email_link_make({"invitation": invitation.pk}, salt=tokens.INVITATION_SALT)
    client.force_login(UserFactory(email="mallory@orbit.example"))

    response = client.post(reverse("members:invitation", args=[token]))

    assert (response.status_code, Member.objects.filter(company=primary.company).count()) == (
        400,
        1,
    )


def test_invitation_link_garbled_refused(client):
    response = client.get(reverse("members:invitation", args=["not-a-token"]))

    assert response.status_code == 400
    assert "This link is not valid." in response.content.decode()


# The primary contact's page


def test_team_page_lists_people_and_invitations(client, primary):
    MemberFactory(company=primary.company, user__first_name="<script>alert(1)</script>")
    InvitationFactory(company=primary.company, email="grace@orbit.example")
    client.force_login(primary.user)

    response = client.get(reverse("members:team"))

    content = response.content.decode()
    assert (response.status_code, "grace@orbit.example" in content) == (200, True)
    assert ("<script>alert(1)" in content, "&lt;script&gt;alert(1)" in content) == (False, True)


def test_team_invite_other_company_address_shown_next_to_field(client, primary):
    MemberFactory(user__email="grace@nimbus.example")
    client.force_login(primary.user)

    response = client.post(reverse("members:team_invite"), {"email": "grace@nimbus.example"})

    assert response.status_code == 400
    assert (
        response.context["form"]
        .errors["email"][0]
        .startswith("grace@nimbus.example belongs to another member company.")
    )
    assert Invitation.objects.count() == 0


def test_team_invite_beyond_seats_refused_with_message(client):
    primary = MemberFactory(company__membership__tier__seats=1, is_primary_contact=True)
    client.force_login(primary.user)

    response = client.post(reverse("members:team_invite"), {"email": "grace@orbit.example"})

    assert response.status_code == 400
    assert "seats" in response.context["form"].non_field_errors()[0]


def test_team_invite_by_colleague_forbidden(client, primary):
    colleague = MemberFactory(company=primary.company)
    client.force_login(colleague.user)

    response = client.post(reverse("members:team_invite"), {"email": "grace@orbit.example"})

    assert (response.status_code, Invitation.objects.count()) == (403, 0)


def test_team_page_for_person_without_company_is_404(client):
    client.force_login(UserFactory())

    assert client.get(reverse("members:team")).status_code == 404


def test_team_page_anonymous_redirected_to_login(client):
    response = client.get(reverse("members:team"))

    assert (response.status_code, response["Location"].startswith(reverse("login"))) == (302, True)


def test_team_remove_colleague(client, primary):
    colleague = MemberFactory(company=primary.company)
    client.force_login(primary.user)

    response = client.post(reverse("members:team_remove", args=[colleague.pk]))

    colleague.refresh_from_db()
    assert (response.status_code, colleague.company) == (302, None)


def test_team_remove_person_of_other_company_is_404(client, primary):
    stranger = MemberFactory()
    client.force_login(primary.user)

    response = client.post(reverse("members:team_remove", args=[stranger.pk]))

    stranger.refresh_from_db()
    assert (response.status_code, stranger.company is not None) == (404, True)


def test_team_remove_by_colleague_forbidden(client, primary):
    colleague = MemberFactory(company=primary.company)
    client.force_login(colleague.user)

    response = client.post(reverse("members:team_remove", args=[primary.pk]))

    assert response.status_code == 403


def test_team_hand_over_primary_contact(client, primary):
    colleague = MemberFactory(company=primary.company)
    client.force_login(primary.user)

    client.post(reverse("members:team_hand_over", args=[colleague.pk]))

    colleague.refresh_from_db()
    assert colleague.is_primary_contact is True


def test_team_withdraw_invitation(client, primary):
    invitation = InvitationFactory(company=primary.company)
    client.force_login(primary.user)

    client.post(reverse("members:team_withdraw", args=[invitation.pk]))

    invitation.refresh_from_db()
    assert invitation.withdrawn is True


def test_team_page_runs_fixed_number_of_queries(client, primary, django_assert_num_queries):
    client.force_login(primary.user)
    client.get(reverse("members:team"))
    with django_assert_num_queries(7):
        client.get(reverse("members:team"))
    MemberFactory.create_batch(3, company=primary.company)
    InvitationFactory.create_batch(3, company=primary.company)

    with django_assert_num_queries(7):
        client.get(reverse("members:team"))


# Profile


def test_profile_saves_own_fields(client):
    member = MemberFactory(public_profile=False)
    client.force_login(member.user)

    response = client.post(
        reverse("members:profile"),
        {
            "job_title": "Architect",
            "bio": "Hi",
            "public_profile": "on",
            "linkedin": "",
            "mastodon": "",
            "github": "ada",
        },
    )

    member.refresh_from_db()
    assert (response.status_code, member.job_title, member.public_profile, member.github) == (
        302,
        "Architect",
        True,
        "ada",
    )


def test_profile_bad_url_shown_next_to_field(client):
    member = MemberFactory()
    client.force_login(member.user)

    response = client.post(reverse("members:profile"), {"linkedin": "not a url"})

    assert (response.status_code, list(response.context["form"].errors)) == (200, ["linkedin"])


def test_profile_anonymous_redirected_to_login(client):
    assert client.get(reverse("members:profile")).status_code == 302


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
