"""What the OpenAPI schema says beyond what drf-spectacular reads from the views: the API
token's security scheme, the one error body on every operation, and resource_schema(), the
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
