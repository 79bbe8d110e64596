"""Two app servers, one PostgreSQL, one Redis: what one server changes, the other serves at
once.

This starts two gunicorn servers in production mode (config.settings.production, the repo's
gunicorn.conf.py) on two loopback ports, both against the test database and one Redis, and
acts as the TLS proxy would (X-Forwarded-Proto: https). An organizer logs in on server A;
the session works on server B. The organizer moves a talk in the working schedule through
server A's admin; the release itself is made by events.schedule.services.schedule_release in this
process against the same database, because this branch has no HTTP path that releases
(the agenda builder adds one). Server B then serves the new content under a new ETag at once.

Everything this starts (Redis when GUILDHALL_TEST_REDIS_URL is not given, both servers) it
stops by PID. It runs in the PostgreSQL pass of the suite.
"""

import html
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest
import redis
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from audit.models import AuditEntry
from config.settings import base
from events.models import Slot, Submission
from events.schedule.services import schedule_release, schedule_working
from members.services.api_tokens import api_token_create
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    OrganizerFactory,
    RoomFactory,
    SlotFactory,
    SubmissionFactory,
    local_datetime,
)
from tests.processes import free_port, stop

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 60


# The host name the TLS proxy passes on to every app server.
PUBLIC_HOST = "guildhall.test"


def production_env(**extra: str) -> dict[str, str]:
    database = connection.settings_dict
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="two-servers-test-" + "k" * 40,
        ALLOWED_HOSTS=PUBLIC_HOST,
        DATABASE_URL=(
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
            f"{database['PORT']}/{database['NAME']}"
        ),
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="2",
        LOG_LEVEL="WARNING",
        **extra,
    )
    return env


@pytest.fixture
def app_servers(tmp_path, redis_url):
    """Two gunicorn servers on two loopback ports, sharing the database and Redis."""
    static_root = tmp_path / "static"
    env = production_env(REDIS_URL=redis_url, STATIC_ROOT=str(static_root))
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    servers, processes = [], []
    try:
        for name in ("a", "b"):
            port = free_port()
            log = (tmp_path / f"gunicorn-{name}.log").open("w")
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py"],
                    cwd=ROOT,
                    env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
            servers.append(Browser(f"http://127.0.0.1:{port}"))
        for server, process in zip(servers, processes, strict=True):
            server.wait_until_up(process)
        yield servers
    finally:
        for process in processes:
            stop(process)


class Browser:
    """A client that talks to one app server as the TLS proxy would, keeping its cookies."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.cookies: dict[str, str] = {}

    def request(self, path: str, data: dict | None = None, headers: dict | None = None):
        # Behind the proxy every app server sees the site's one public host name.
        host = PUBLIC_HOST
        sent = {"X-Forwarded-Proto": "https", "Host": host, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            sent.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": f"https://{host}",
                    "Referer": f"https://{host}{path}",
                }
            )
        request = urllib.request.Request(self.origin + path, data=body, headers=sent)  # noqa: S310 - loopback http
        opener = urllib.request.build_opener(NoRedirects)
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers, response.read().decode()

    def wait_until_up(self, process: subprocess.Popen) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                if self.request(reverse("healthz"))[0] == 200:
                    return
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"app server at {self.origin} did not start")
            time.sleep(0.2)

    def form_token(self, path: str) -> str:
        status, _, page = self.request(path)
        assert status == 200, (path, status)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert found is not None, path
        return found.group(1)

    def log_in_to_admin(self, username: str, password: str) -> int:
        login = reverse("admin:login")
        token = self.form_token(login)
        status, _, _ = self.request(
            login,
            {
                "csrfmiddlewaretoken": token,
                "username": username,
                "password": password,
                "next": reverse("admin:index"),
            },
        )
        return status


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def released_agenda():
    conference = ConferenceFactory()
    working = schedule_working(conference=conference)
    room = RoomFactory(conference=conference, name="Auditorium")
    talk = SubmissionFactory(
        conference=conference, title="Streaming at Orbit", state=Submission.State.ACCEPTED
    )
    slot = SlotFactory(
        schedule=working,
        room=room,
        kind=Slot.Kind.TALK,
        submission=talk,
        title="",
        start=local_datetime(conference, conference.starts_on, 9),
        end=local_datetime(conference, conference.starts_on, 9, 30),
    )
    schedule_release(conference=conference, version="1.0")
    organizer = OrganizerFactory(username="olga")
    # The servers know production's hashers only (argon2 first), not the tests' MD5.
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        organizer.password = make_password(PASSWORD)
        organizer.save(update_fields=["password"])
    return {"conference": conference, "slot": slot, "organizer": organizer}


def move_form(slot: Slot, token: str, start: str, end: str) -> dict:
    day = slot.schedule.conference.starts_on.isoformat()
    return {
        "csrfmiddlewaretoken": token,
        "schedule": slot.schedule_id,
        "kind": slot.kind,
        "room": slot.room_id,
        "start_0": day,
        "start_1": start,
        "end_0": day,
        "end_1": end,
        "submission": slot.submission_id,
        "title": "",
        "description": "",
    }


def test_release_through_one_server_is_seen_at_once_through_the_other(
    app_servers, released_agenda, redis_url
):
    server_a, server_b = app_servers
    conference, slot = released_agenda["conference"], released_agenda["slot"]
    # What calendar apps poll: the other server must serve it fresh at once.
    watched = reverse("events:schedule_ics", args=[conference.slug])
    session_page = reverse("events:session", args=[conference.slug, slot.uid])

    before_a = server_a.request(watched)
    before_b = server_b.request(watched)
    logged_in = server_a.log_in_to_admin("olga", PASSWORD)
    server_b.cookies = dict(server_a.cookies)
    admin_on_b = server_b.request(reverse("admin:index"))[0]

    change = reverse("admin:events_slot_change", args=[slot.pk])
    moved = server_a.request(change, move_form(slot, server_a.form_token(change), "11:00", "11:30"))
    _, key = api_token_create(user=released_agenda["organizer"], name="two servers")
    released = Browser(server_a.origin).request(
        reverse("api:conference-release", args=[conference.slug]),
        {"version": "1.1", "note": "Moved to eleven"},
        headers={"Authorization": f"Bearer {key}"},
    )
    anonymous_b = Browser(server_b.origin)
    after_b = anonymous_b.request(watched, headers={"If-None-Match": before_b[1]["ETag"]})
    revalidated_b = anonymous_b.request(watched, headers={"If-None-Match": after_b[1]["ETag"]})
    after_a = Browser(server_a.origin).request(watched)
    page_b = anonymous_b.request(session_page)

    assert (before_a[0], before_b[0], before_a[1]["ETag"]) == (200, 200, before_b[1]["ETag"])
    assert (logged_in, admin_on_b, moved[0], released[0]) == (302, 200, 302, 201)
    assert (after_b[0], revalidated_b[0]) == (200, 304)
    assert after_b[1]["ETag"] != before_b[1]["ETag"]
    assert after_a[1]["ETag"] == after_b[1]["ETag"]
    assert ("T090000" in before_b[2], "SEQUENCE:0" in before_b[2]) == (True, True)
    assert ("T110000" in after_b[2], "SEQUENCE:1" in after_b[2]) == (True, True)
    assert "Streaming at Orbit" in after_b[2]
    assert ("11:00" in page_b[2], "version 1.1" in page_b[2]) == (True, True)
    assert html.escape("Streaming at Orbit") in page_b[2]
    assert AuditEntry.objects.filter(
        actor=released_agenda["organizer"], action=AuditEntry.Action.SLOT_SAVED
    ).exists()
    assert redis.Redis.from_url(redis_url).keys("guildhall:*")
