"""The OpenAPI schema as an integrator uses it: openapi-python-client generates a Python
client from it, every module of that client imports, and the client reads and writes the
API through the WSGI application (no network, no server), nulls and all."""

import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from django.core.wsgi import get_wsgi_application
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer

from members.services.api_tokens import api_token_create

PACKAGE = "guildhall_client"


@pytest.fixture(scope="module")
def client_package(tmp_path_factory) -> Path:
    """The folder that holds the generated client's package."""
    root = tmp_path_factory.mktemp("generated")
    document = root / "schema.json"
    document.write_bytes(
        OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True))
    )
    # No formatter hooks: the generated code is imported, not kept.
    config = root / "config.json"
    config.write_text(json.dumps({"post_hooks": [], "package_name_override": PACKAGE}))
    generated = subprocess.run(  # noqa: S603 - our own interpreter with fixed arguments
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(document),
            "--meta",
            "none",
            "--config",
            str(config),
            "--output-path",
            str(root / PACKAGE),
            "--fail-on-warning",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    return root


@pytest.fixture
def generated(client_package, monkeypatch):
    """Import the generated package; forget it afterwards, so that no other test sees it."""
    monkeypatch.syspath_prepend(str(client_package))
    yield importlib.import_module(PACKAGE)
    for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
        del sys.modules[name]


def test_generated_client_imports_every_module(generated):
    modules = [module.name for module in pkgutil.walk_packages(generated.__path__, f"{PACKAGE}.")]
    failures = []
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception as exc:  # every module that fails is named in the report
            failures.append(f"{name}: {type(exc).__name__}: {exc}")

    assert (len(modules) > 100, failures) == (True, [])


def _client(generated, token: str | None = None):
    """The generated client, anonymous or with an API token, talking to the WSGI app."""
    kwargs = {
        "base_url": "http://testserver",
        "httpx_args": {"transport": httpx.WSGITransport(app=get_wsgi_application())},
    }
    if token is None:
        return generated.Client(**kwargs)
    return generated.AuthenticatedClient(token=token, **kwargs)


def test_generated_client_lists_sessions_with_null_rooms(generated, world, keep_test_connection):
    sessions_list = importlib.import_module(f"{PACKAGE}.api.v1.v1_sessions_list")

    page = sessions_list.sync(client=_client(generated), conference="orbit-summit")

    assert [
        (session.title, session.room.name if session.room else None) for session in page.results
    ] == [("Streaming at Orbit", "Auditorium"), ("Lunch", None)]


def test_generated_client_registers_with_a_json_body(generated, world, keep_test_connection):
    registrations_create = importlib.import_module(f"{PACKAGE}.api.v1.v1_registrations_create")
    models = importlib.import_module(f"{PACKAGE}.models")
    _, key = api_token_create(user=world.reviewer.user, name="generated client")

    registration = registrations_create.sync(
        client=_client(generated, token=key),
        body=models.RegistrationCreateRequest(conference="orbit-summit"),
    )

    assert (registration.conference, registration.starred) == ("orbit-summit", [])
