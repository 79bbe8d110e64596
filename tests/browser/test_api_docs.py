"""The API's doc pages and token page in a real browser: Swagger UI and Redoc render the
schema from our own static files (no request leaves the site), and a member makes a token
that then opens the API."""

import io
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from playwright.sync_api import Request, expect

from demo.data.accounts import LOGINS
from tests.browser.test_content_security_policy import watch_policy

pytestmark = pytest.mark.browser


class RequestsLeaving:
    """Requests the page sent to another host. A request that the page's Content-Security-
    Policy blocked never left the browser and is not counted."""

    def __init__(self, page, live_server) -> None:
        self.site = urlsplit(live_server.url).netloc
        self.requests: list[Request] = []
        page.on("request", lambda request: self.requests.append(request))

    def urls(self) -> list[str]:
        return [
            request.url
            for request in self.requests
            if urlsplit(request.url).netloc not in (self.site, "")
            and request.failure != "csp"  # what Chromium reports for a blocked request
        ]


def schema_operations() -> int:
    """How many operations the OpenAPI document has: one block each in Swagger UI."""
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    methods = {"get", "put", "post", "delete", "patch"}
    return sum(1 for item in paths.values() for method in item if method in methods)


def test_swagger_ui_renders_every_operation_from_our_static_files(live_server, page, screenshot):
    leaving = RequestsLeaving(page, live_server)
    violations = watch_policy(page)

    page.goto(f"{live_server.url}/api/docs/")

    expect(page.locator(".opblock").first).to_be_visible(timeout=20000)
    assert (page.locator(".opblock").count(), leaving.urls(), violations) == (
        schema_operations(),
        [],
        [],
    )
    screenshot("swagger")


def test_redoc_renders_the_schema_from_our_static_files(live_server, page, screenshot):
    leaving = RequestsLeaving(page, live_server)
    violations = watch_policy(page)

    page.goto(f"{live_server.url}/api/redoc/")

    expect(page.get_by_role("heading", name="List sessions").first).to_be_visible(timeout=20000)
    page.wait_for_load_state("networkidle")
    # Redoc's decorative logo on its vendor's CDN is meant to be blocked; nothing else is.
    unexpected = [text for text in violations if "https://cdn.redoc.ly/" not in text]
    assert (leaving.urls(), unexpected) == ([], [])
    screenshot("redoc")


def test_member_makes_a_token_and_calls_the_api_with_it(live_server, page, screenshot):
    call_command("seed_demo", "--force", stdout=io.StringIO())
    _, username, password, _ = LOGINS[2]

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="My profile").click()
    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("What is the token for?").fill("Intranet")
    page.get_by_role("button", name="Make a token").click()
    key = page.locator(".token-key").inner_text()
    screenshot("token-made")
    page.context.clear_cookies()  # the token alone, not the session, opens the API
    response = page.request.get(
        f"{live_server.url}/api/v1/me/", headers={"Authorization": f"Bearer {key}"}
    )

    assert (response.status, response.json()["username"]) == (200, username)
