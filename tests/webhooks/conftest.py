"""What the webhook tests share: a real HTTP receiver on loopback (http.server in a thread)
that records each request and answers with the statuses a test scripts, and endpoints."""

import http.server
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from webhooks.models import Delivery, Endpoint, EventType
from webhooks.services import endpoint_save


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: str


@dataclass
class Receiver:
    """Answers each POST with the next of `statuses` (200 when they run out), after
    `delay` seconds."""

    url: str = ""
    statuses: list[int] = field(default_factory=list)
    delay: float = 0.0
    requests: list[Received] = field(default_factory=list)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length).decode()
            state.requests.append(Received(self.path, dict(self.headers.items()), body))
            if state.delay:
                time.sleep(state.delay)
            status = state.statuses.pop(0) if state.statuses else 200
            answer = f"answered {status}".encode()
            try:
                self.send_response(status)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the sender timed out and went away

        def log_message(self, format: str, *args: object) -> None:
            """Keep the test output quiet: the tests read `requests` instead."""

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def make_endpoint(url: str, *types: str) -> Endpoint:
    return endpoint_save(
        endpoint=Endpoint(url=url, event_types=list(types or [EventType.SCHEDULE_RELEASED]))
    )


def sent(event_type: str) -> list[dict]:
    """The data of every event of this type written for delivery, oldest first (one row per
    event: the tests register one endpoint)."""
    payloads = Delivery.objects.filter(event_type=event_type).order_by("pk")
    return [json.loads(payload)["data"] for payload in payloads.values_list("payload", flat=True)]
