"""Photos on the profile page and logos on the company page (members/views.py `profile`,
`team_logo`): upload by the owner, refusals at the field and to others, removal, and the
pictures or initials on the public pages at a constant number of queries."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from members.images import LOGO, PHOTO
from members.models import Member, MemberCompany
from members.services.images import company_logo_set, member_photo_set
from tests.factories import (
    CaseStudyFactory,
    MemberCompanyFactory,
    MemberFactory,
    OrganizerFactory,
)
from tests.images import gps_exif, image_bytes, upload

pytestmark = pytest.mark.django_db

PROFILE = {"job_title": "Architect", "bio": "Builds pipelines.", "public_profile": "on"}


def test_profile_upload_stores_the_photo_without_metadata(client):
    member = MemberFactory(job_title="Engineer")
    client.force_login(member.user)

    response = client.post(
        reverse("members:profile"),
        {**PROFILE, "photo": upload(image_bytes("JPEG", exif=gps_exif()), "me.jpg")},
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.job_title == "Architect"
    with default_storage.open(PHOTO.name(member.photo, "400")) as stored:
        body = stored.read()
    assert body.startswith(b"\xff\xd8")
    assert b"Exif" not in body
    page = client.get(reverse("members:profile")).content.decode()
    assert f'src="{member.photo_large_url}"' in page


def test_profile_refuses_a_file_that_is_no_image_at_the_field_saving_nothing(client):
    member = MemberFactory(job_title="Engineer")
    client.force_login(member.user)

    response = client.post(
        reverse("members:profile"),
        {**PROFILE, "photo": upload(b"MZ\x90\x00 not a picture", "me.jpg", "image/jpeg")},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "photo": ["Upload a JPEG, PNG or WebP image; this file is not one."]
    }
    assert 'id="id_photo_error"' in response.content.decode()
    member.refresh_from_db()
    assert (member.job_title, member.photo) == ("Engineer", "")


def test_profile_refuses_a_photo_over_the_size_limit(client, settings):
    settings.IMAGE_MAX_BYTES = 1024
    member = MemberFactory()
    client.force_login(member.user)

    response = client.post(
        reverse("members:profile"),
        {**PROFILE, "photo": upload(image_bytes("PNG", size=(40, 40), compress_level=0))},
    )

    assert response.context["form"].errors == {
        "photo": ["The file is 5 KB; upload one of at most 1 KB."]
    }


def test_profile_remove_box_deletes_the_photo_files(client, django_capture_on_commit_callbacks):
    member = MemberFactory()
    member_photo_set(member=member, upload=upload(image_bytes()))
    member.refresh_from_db()
    names = PHOTO.names(member.photo)
    client.force_login(member.user)
    assert "Remove my photo" in client.get(reverse("members:profile")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:profile"), {**PROFILE, "remove_photo": "on"})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.photo == ""
    assert not any(default_storage.exists(name) for name in names)


def test_profile_without_photo_offers_no_remove_box(client):
    member = MemberFactory()
    client.force_login(member.user)

    page = client.get(reverse("members:profile")).content.decode()

    assert 'name="photo"' in page
    assert "Remove my photo" not in page


# The company's logo


def company_of(member: Member) -> MemberCompany:
    return MemberCompany.objects.get(people=member)


def primary_contact() -> Member:
    return MemberFactory(is_primary_contact=True, company__name="Orbit Bank")


def test_team_logo_upload_by_the_primary_contact(client):
    contact = primary_contact()
    client.force_login(contact.user)

    response = client.post(reverse("members:team_logo"), {"logo": upload(image_bytes("WEBP"))})

    assert response.status_code == 302
    company = company_of(contact)
    assert all(default_storage.exists(name) for name in LOGO.names(company.logo))
    page = client.get(reverse("members:team")).content.decode()
    assert f'src="{company.logo_large_url}" alt="Orbit Bank logo"' in page


def test_team_logo_refused_to_a_colleague(client):
    contact = primary_contact()
    colleague = MemberFactory(company=contact.company)
    client.force_login(colleague.user)

    response = client.post(reverse("members:team_logo"), {"logo": upload(image_bytes())})

    assert response.status_code == 403
    assert company_of(contact).logo == ""
    assert 'action="/company/logo/"' not in client.get(reverse("members:team")).content.decode()


def test_team_logo_of_another_companys_contact_changes_only_their_own(client):
    contact = primary_contact()
    other = MemberFactory(is_primary_contact=True, company=MemberCompanyFactory())
    client.force_login(other.user)

    client.post(reverse("members:team_logo"), {"logo": upload(image_bytes())})

    assert company_of(contact).logo == ""
    assert company_of(other).logo != ""


def test_team_logo_refuses_a_renamed_text_file_at_the_field(client):
    contact = primary_contact()
    client.force_login(contact.user)

    response = client.post(
        reverse("members:team_logo"), {"logo": upload(b"hello\n", "logo.png", "image/png")}
    )

    assert response.status_code == 400
    assert response.context["logo_form"].errors == {
        "logo": ["Upload a JPEG, PNG or WebP image; this file is not one."]
    }


def test_team_logo_without_a_file_or_removal_says_so(client):
    client.force_login(primary_contact().user)

    response = client.post(reverse("members:team_logo"), {})

    assert response.status_code == 400
    assert response.context["logo_form"].errors == {"logo": ["Choose an image to upload."]}


def test_team_logo_removal_deletes_the_files(client, django_capture_on_commit_callbacks):
    contact = primary_contact()
    company = contact.company
    assert company is not None
    company_logo_set(company=company, upload=upload(image_bytes()), actor=contact.user)
    company.refresh_from_db()
    names = LOGO.names(company.logo)
    client.force_login(contact.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:team_logo"), {"remove_logo": "on"})

    assert response.status_code == 302
    company.refresh_from_db()
    assert company.logo == ""
    assert not any(default_storage.exists(name) for name in names)


# The public pages


def with_logos(*companies: MemberCompany) -> str:
    """Give the companies one stored logo; its stem."""
    first = companies[0]
    company_logo_set(company=first, upload=upload(image_bytes()), actor=OrganizerFactory())
    first.refresh_from_db()
    MemberCompany.objects.filter(pk__in=[c.pk for c in companies]).update(logo=first.logo)
    return first.logo


def test_company_page_logo_alt_text_escapes_the_name(client):
    company = MemberCompanyFactory(name='<b>"Bold" & Co</b>', slug="bold")
    with_logos(company)

    page = client.get(reverse("members:company", args=["bold"])).content.decode()

    assert 'alt="&lt;b&gt;&quot;Bold&quot; &amp; Co&lt;/b&gt; logo"' in page
    assert "<b>" not in page


def test_directory_shows_logos_and_initials_for_the_rest(client):
    with_logos(MemberCompanyFactory(name="Orbit Bank"))
    MemberCompanyFactory(name="nimbus retail")

    page = client.get(reverse("members:directory")).content.decode()

    assert page.count('<img class="logo logo-small"') == 1
    assert 'aria-hidden="true">NR</span>' in page


@pytest.mark.parametrize("count", [1, 5])
def test_directory_with_logos_runs_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    with_logos(*MemberCompanyFactory.create_batch(count))

    with django_assert_num_queries(2):
        response = client.get(reverse("members:directory"))

    assert response.content.decode().count('<img class="logo') == count


@pytest.mark.parametrize("count", [1, 6])
def test_library_with_logos_runs_fixed_number_of_queries(client, django_assert_num_queries, count):
    studies = [CaseStudyFactory(published=True) for _ in range(count)]
    with_logos(*[study.company for study in studies])

    with django_assert_num_queries(5):
        response = client.get(reverse("members:library"))

    assert response.content.decode().count('<img class="logo') == count


def test_company_page_shows_public_peoples_photos(client):
    company = MemberCompanyFactory(slug="orbit")
    shown = MemberFactory(company=company, public_profile=True, user__first_name="Ada")
    member_photo_set(member=shown, upload=upload(image_bytes()))
    shown.refresh_from_db()

    page = client.get(reverse("members:company", args=["orbit"])).content.decode()

    assert f'src="{shown.photo_small_url}"' in page


# Serving the stored files


def test_stored_photo_served_at_its_url_cached_for_good(client):
    member = MemberFactory()
    member_photo_set(member=member, upload=upload(image_bytes()))
    member.refresh_from_db()
    assert member.photo_small_url is not None
    with default_storage.open(PHOTO.name(member.photo, "96")) as stored:
        body = stored.read()

    response = client.get(member.photo_small_url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "immutable" in response["Cache-Control"]
    assert body.startswith(b"\xff\xd8")
    assert b"".join(response.streaming_content) == body


@pytest.mark.parametrize(
    "path",
    [
        "/media/images/photos/1/0123456789abcdef0123-96.jpg",  # no such file
        "/media/images/photos/1/../../../settings.py",
        "/media/share-images/x.png",
    ],
)
def test_stored_image_unknown_or_outside_the_images_is_404(client, path):
    assert client.get(path).status_code == 404
