"""What the OpenAPI schema says beyond what drf-spectacular reads from the views: the API
token's security scheme, and the one error body on every operation."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

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
