"""What the OpenAPI schema says beyond what drf-spectacular reads from the views: the API
token's security scheme, the one error body on every operation, the types and examples it
leaves loose (integer ids, nullable references, pages), and resource_schema(), the
summaries and descriptions of a viewset's standard actions."""

from collections.abc import Sequence

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.serializers import Serializer

ERROR_STATUSES = {
    "400": "Invalid input: `fields` names each field with its messages.",
    "401": "No credentials, or an invalid or revoked token.",
    "403": "Signed in, but the caller's role does not allow this.",
    "404": "No such object, or one outside the caller's view.",
    "429": "Too many requests; the Retry-After header says when to try again.",
}

ERROR_SCHEMA = {
    "type": "object",
    "description": "The body of every error response.",
    "properties": {
        "status": {"type": "integer", "description": "The HTTP status code."},
        "code": {
            "type": "string",
            "description": "A stable code for programs, e.g. invalid, not_found, cfp_closed.",
        },
        "detail": {"type": "string", "description": "A message for people."},
        "fields": {
            "type": "object",
            "description": "Field name (dotted for nested fields) to its messages.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["status", "code", "detail", "fields"],
}


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.permissions.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A personal API token from the token page: `Authorization: Bearer <key>`."
            ),
        }


# A path's object id: whole numbers only, and few enough digits to fit a database id, so
# that `9.5`, `1e999` or a 30-digit number never reaches a query (they answer 404).
ID_PATTERN = "[0-9]{1,18}"
PATH_ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": 10**18 - 1}

PATH_PARAMETERS = {
    "id": "The object's id.",
    "slug": "The object's slug.",
    "uid": "The session's uid, the same in every release.",
}

PAGE_FIELDS = {
    "count": "Rows in the whole list.",
    "next": "The URL of the next page; null on the last page.",
    "previous": "The URL of the previous page; null on the first page.",
    "results": "This page's rows.",
}


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: the Error component and its responses on every
    operation, and the descriptions drf-spectacular leaves out (path parameters, the
    pagination envelope)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_STATUSES.items():
                responses.setdefault(status, {"description": description, "content": reference})
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and not parameter.get("description"):
                    parameter["description"] = PATH_PARAMETERS.get(parameter["name"], "")
    for name, component in schemas.items():
        if name.startswith("Paginated"):
            for field, prop in component.get("properties", {}).items():
                prop.setdefault("description", PAGE_FIELDS.get(field, ""))
    return result


# What a page's links look like: the list's own URL with the page (the first page's link
# has none) or an opaque cursor, as PagePagination and CursorPagePagination write them.
EXAMPLE_ORIGIN = "https://guildhall.example.org"
PAGE_EXAMPLES = {"next": "?page=3", "previous": ""}
CURSOR_EXAMPLES = {"next": "?cursor=cD00ODY%3D", "previous": "?cursor=cj0xJnA9NDg3"}


def tighten_types(result, generator, request, public):
    """drf-spectacular postprocessing hook: what it leaves loose for client generators.

    Path ids are integers (drf-spectacular reads a string from the regex); a nullable
    reference is one of the component or null, as OpenAPI 3.0.3 spells it; a page lists
    every key it always has, and its link examples are pages of its own list rather than
    DRF's generic `/accounts/` URLs.
    """
    id_pattern = f"^{ID_PATTERN}$"
    schemas = result.get("components", {}).get("schemas", {})
    for path, item in result.get("paths", {}).items():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["schema"].get("pattern") == id_pattern:
                    parameter["schema"] = dict(PATH_ID_SCHEMA)
            ok = operation.get("responses", {}).get("200", {})
            ref = ok.get("content", {}).get("application/json", {}).get("schema", {})
            name = ref.get("$ref", "").rsplit("/", 1)[-1]
            if name.startswith("Paginated") and name in schemas:
                _page_examples(schemas[name], path)
    _type_nullable_references(result)
    return result


def _page_examples(component: dict, path: str) -> None:
    properties = component["properties"]
    component["required"] = list(properties)
    examples = PAGE_EXAMPLES if "count" in properties else CURSOR_EXAMPLES
    for link, query in examples.items():
        properties[link]["example"] = f"{EXAMPLE_ORIGIN}{path}{query}"


# OpenAPI 3.0 ignores `nullable` without a `type` beside it, and a `type` beside drf-spectacular's
# `allOf: [component]` still refuses null inside the allOf (and generators then drop the
# null); the form the specification's editors give for a nullable reference is this one.
NULL_ONLY = {"type": "object", "nullable": True, "enum": [None]}


def _type_nullable_references(node) -> None:
    if isinstance(node, dict):
        if node.get("nullable") and "type" not in node and "allOf" in node:
            del node["nullable"]
            node["oneOf"] = [*node.pop("allOf"), dict(NULL_ONLY)]
        for value in node.values():
            _type_nullable_references(value)
    elif isinstance(node, list):
        for value in node:
            _type_nullable_references(value)


Doc = tuple[str, str]


def resource_schema(
    *,
    # Named after the viewset actions; `list` shadows the builtin, unused in here.
    list: Doc | None = None,
    retrieve: Doc | None = None,
    create: Doc | None = None,
    partial_update: Doc | None = None,
    destroy: Doc | None = None,
    output: type[Serializer] | None = None,
    create_input: type[Serializer] | None = None,
    update_input: type[Serializer] | None = None,
    create_statuses: tuple[int, ...] = (201,),
    destroy_parameters: Sequence[OpenApiParameter] = (),
):
    """The @extend_schema_view of a resource's viewset: a (summary, description) for each of
    its standard actions. A write whose input serializer is given documents that input and
    answers `output` (create with `create_statuses`, 201 unless it may also answer 200); a
    destroy answers 204 without a body."""
    docs = {
        "list": list,
        "retrieve": retrieve,
        "create": create,
        "partial_update": partial_update,
        "destroy": destroy,
    }
    inputs = {"create": create_input, "partial_update": update_input}
    statuses = {"create": create_statuses, "partial_update": (200,)}
    schemas = {}
    for action, doc in docs.items():
        if doc is None:
            continue
        summary, description = doc
        kwargs: dict = {"summary": summary, "description": description}
        if inputs.get(action) is not None:
            if output is None:
                raise ValueError(f"{action} documents its input but not its output.")
            kwargs["request"] = inputs[action]
            kwargs["responses"] = dict.fromkeys(statuses[action], output)
        if action == "destroy":
            if destroy_parameters:
                kwargs["parameters"] = [*destroy_parameters]
            kwargs["responses"] = {204: None}
        schemas[action] = extend_schema(**kwargs)
    return extend_schema_view(**schemas)
