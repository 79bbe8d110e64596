"""The OpenAPI schema: generated without a warning, valid, with a type and a description
for every operation, parameter and field, JSON request bodies, integer ids and pagination
examples that look like the real pages; and its two doc pages served from our own static
files (drf-spectacular-sidecar), never from a CDN."""

import re
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator


@pytest.fixture(scope="module")
def schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def test_schema_generates_without_warnings_and_validates(tmp_path):
    output, errors = StringIO(), StringIO()

    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(tmp_path / "schema.yaml"),
        stdout=output,
        stderr=errors,
    )

    assert errors.getvalue() == ""


def test_schema_describes_every_operation(schema):
    undescribed = [
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if not operation.get("summary") or not operation.get("description")
    ]

    assert undescribed == []


def test_schema_describes_every_parameter(schema):
    undescribed = [
        f"{method.upper()} {path} {parameter['name']}"
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        for parameter in operation.get("parameters", [])
        if not parameter.get("description") or "type" not in parameter.get("schema", {})
    ]

    assert undescribed == []


def test_schema_parameters_do_not_clash_with_the_format_switch(schema):
    # ?format= chooses DRF's renderer (URL_FORMAT_OVERRIDE), so no filter may take the name.
    clashing = [
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query" and parameter["name"] == "format"
    ]
    submission_filters = {
        parameter["name"]
        for parameter in schema["paths"]["/api/v1/submissions/"]["get"]["parameters"]
    }

    assert (clashing, "session_format" in submission_filters) == ([], True)


def _typed(prop: dict) -> bool:
    return any(key in prop for key in ("type", "$ref", "allOf", "oneOf", "anyOf"))


def test_schema_gives_every_field_a_type_and_description(schema):
    missing = [
        f"{name}.{field}"
        for name, component in schema["components"]["schemas"].items()
        for field, prop in component.get("properties", {}).items()
        if not _typed(prop) or not prop.get("description")
    ]

    assert missing == []


def _schemas_within(node, where: str = ""):
    """Every (location, schema object) in a part of the document, nested ones too."""
    if isinstance(node, dict):
        if "nullable" in node or "type" in node or "allOf" in node or "$ref" in node:
            yield where, node
        for key, value in node.items():
            yield from _schemas_within(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _schemas_within(value, f"{where}/{index}")


def test_schema_gives_every_nullable_schema_a_type(schema):
    # OpenAPI 3.0.3: `nullable` means nothing without a `type` beside it, so generators
    # (openapi-python-client among them) then refuse the null the API sends.
    untyped = [
        where
        for where, node in _schemas_within(schema)
        if node.get("nullable") and "type" not in node
    ]

    assert untyped == []


def test_schema_documents_json_request_bodies_only(schema):
    content_types = {
        f"{method.upper()} {path}": sorted(operation["requestBody"]["content"])
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if "requestBody" in operation
    }

    assert (len(content_types), set(map(tuple, content_types.values()))) == (
        19,
        {("application/json",)},
    )


INTEGER_ID = {"type": "integer", "minimum": 1, "maximum": 10**18 - 1}


def test_schema_types_ids_in_paths_and_filters_as_integers(schema):
    id_parameters = {
        (path, parameter["in"], parameter["name"]): parameter["schema"].get("type")
        for path, item in schema["paths"].items()
        for operation in item.values()
        for parameter in operation.get("parameters", [])
        if parameter["name"] in ("id", "room", "speaker", "schedule", "submission", "year")
    }
    path_ids = [
        parameter["schema"]
        for item in schema["paths"].values()
        for operation in item.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "path" and parameter["name"] == "id"
    ]

    assert (
        set(id_parameters.values()),
        len(path_ids) > 20,
        all(schema == INTEGER_ID for schema in path_ids),
    ) == ({"integer"}, True, True)


def _list_operations(schema):
    """(path, the paginated component) of every list operation."""
    for path, item in schema["paths"].items():
        ok = item.get("get", {}).get("responses", {}).get("200", {})
        ref = ok.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref", "")
        name = ref.rsplit("/", 1)[-1]
        if name.startswith("Paginated"):
            yield path, schema["components"]["schemas"][name]


def test_schema_pagination_examples_are_pages_of_their_own_list(schema, world, api_client):
    clients = {role: api_client(role) for role in ("organizer", "reviewer")}
    mismatched = []
    lists = list(_list_operations(schema))
    for path, component in lists:
        # Only the program committee has submissions to review; organizers see every list.
        role = "reviewer" if path == "/api/v1/review-submissions/" else "organizer"
        query = {"page_size": 1}
        if path == "/api/v1/evaluation-results/":  # one conference's results at a time
            query["conference"] = world.conference.slug
        response = clients[role].get(path, query)
        page = response.json() if response.status_code == 200 else {}
        properties = component["properties"]
        links = {name: urlsplit(properties[name]["example"]) for name in ("next", "previous")}
        parameter = "cursor" if "count" not in properties else "page"
        if (
            sorted(component["required"]) != sorted(page)
            or sorted(properties) != sorted(page)
            or links["next"].path != path
            or links["previous"].path != path
            or list(parse_qs(links["next"].query)) != [parameter]
            or list(parse_qs(links["previous"].query)) not in ([parameter], [])
        ):
            mismatched.append(path)

    assert (len(lists), mismatched) == (17, [])


def test_schema_documents_both_auth_schemes_and_the_error_body(schema):
    schemes = schema["components"]["securitySchemes"]
    one_operation = schema["paths"]["/api/v1/submissions/"]["post"]

    assert (
        sorted(schemes),
        schemes["tokenAuth"]["scheme"],
        sorted(one_operation["responses"]),
        one_operation["responses"]["400"]["content"]["application/json"]["schema"],
    ) == (
        ["cookieAuth", "tokenAuth"],
        "bearer",
        ["201", "400", "401", "403", "404", "429"],
        {"$ref": "#/components/schemas/Error"},
    )


def test_schema_endpoint_serves_json(client):
    response = client.get("/api/schema/", {"format": "json"})

    assert (response.status_code, response.json()["info"]["title"]) == (200, "Guildhall API")


EXTERNAL = re.compile(rb"""(src|href)=["']?(https?:)?//""")


@pytest.mark.parametrize(
    ("url", "asset"),
    [
        ("/api/docs/", "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"),
        ("/api/redoc/", "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"),
    ],
)
def test_doc_pages_load_their_code_from_our_static_files(client, url, asset):
    response = client.get(url)

    assert (
        response.status_code,
        f"/static/{asset}".encode() in response.content,
        EXTERNAL.search(response.content),
        b"<script>" in response.content,
        b"<style" in response.content,
        finders.find(asset) is not None,
        "img-src 'self' data:" in response["Content-Security-Policy"],
    ) == (200, True, None, False, False, True, True)


def test_swagger_ui_start_script_is_a_file_of_its_own(client):
    response = client.get("/api/docs/", {"script": ""})

    assert (
        response.status_code,
        response["Content-Type"],
        b"/api/schema/" in response.content,
    ) == (
        200,
        "application/javascript",
        True,
    )


def policy_of(response) -> dict[str, str]:
    return dict(
        [*directive.strip().split(" ", 1), ""][:2]
        for directive in response["Content-Security-Policy"].split(";")
        if directive.strip()
    )


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/", "/api/docs/?script="])
def test_doc_pages_carry_a_full_content_security_policy(client, url):
    policy = policy_of(client.get(url))

    assert {
        name: policy.get(name)
        for name in (
            "default-src",
            "script-src",
            "object-src",
            "base-uri",
            "form-action",
            "frame-ancestors",
            "connect-src",
        )
    } == {
        "default-src": "'self'",
        "script-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
        "connect-src": "'self'",
    }
    assert ("'self'" in policy["style-src"], "'self'" in policy["img-src"]) == (True, True)
    assert [word for word in ("unsafe-eval", "unsafe-inline") if word in str(policy)] == []
