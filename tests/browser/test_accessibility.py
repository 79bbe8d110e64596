"""axe-core on the public pages, at phone and laptop widths: no serious or critical
violation. axe comes from the npm registry (`make axe`); without it these tests skip, which
fails the run under GUILDHALL_STRICT_TESTS=1."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from demo.data.accounts import LOGINS
from demo.data.conference import CONFERENCE_SLUG
from events.models import Conference

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe is injected as an inline script; a Content-Security-Policy must not stop it.
    return {**browser_context_args, "bypass_csp": True}


@pytest.mark.parametrize("width", [390, 1280])
def test_public_pages_have_no_serious_accessibility_violations(live_server, page, axe, width):
    call_command("seed_demo", "--force", stdout=io.StringIO())
    conference = Conference.objects.get(slug=CONFERENCE_SLUG)
    release = conference.schedules.released().first()
    assert release is not None
    talk = release.slots.filter(submission__isnull=False, cancelled=False).first()
    speaker = talk.submission.submission_speakers.first()
    # Next year's conference, whose call for papers the demo keeps open.
    next_year = Conference.objects.get(starts_on__gt=conference.starts_on)
    page.set_viewport_size({"width": width, "height": 900})
    _, username, password, _ = LOGINS[3]
    page.goto(f"{live_server.url}/accounts/login/")
    assert axe(page) == []
    page.get_by_label("E-mail address").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    pages = [
        reverse("home"),
        reverse("events:schedule", args=[conference.slug]),
        reverse("events:schedule", args=[conference.slug]) + "?track=governance&level=advanced",
        reverse("events:session", args=[conference.slug, talk.uid]),
        reverse("events:speakers", args=[conference.slug]),
        reverse("events:speaker", args=[conference.slug, speaker.member_id]),
        reverse("events:agenda", args=[conference.slug]),
        reverse("events:register", args=[conference.slug]),
        reverse("events:subscribe", args=[conference.slug]),
        reverse("events:cfp_index"),
        reverse("events:cfp", args=[next_year.slug]),
        reverse("events:my_submissions"),
        reverse("members:directory"),
        reverse("members:library"),
    ]
    found = {}
    for path in pages:
        page.goto(f"{live_server.url}{path}")
        found[path] = axe(page)

    assert found == {path: [] for path in pages}
