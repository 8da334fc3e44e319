"""The OpenAPI document as clients read it: operations named by their route (``listEntities``,
``mergeEntities``), and every error declared as a problem (``application/problem+json``, the
``Problem`` schema) in place of FastAPI's own 422 schema, with a ``default`` for the rest."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from dealgraph.api.errors import MEDIA_TYPE
from dealgraph.api.models import Problem

REF = {"$ref": "#/components/schemas/Problem"}


def operation_id(route: APIRoute) -> str:
    """The route's function name in camel case: ``list_entities`` → ``listEntities``."""
    first, *rest = route.name.split("_")
    return first + "".join(word.capitalize() for word in rest)


def _problems(responses: dict[str, Any]) -> None:
    for status, response in responses.items():
        if status == "default" or int(status) >= 400:
            response["content"] = {MEDIA_TYPE: {"schema": REF}}
    responses.setdefault(
        "default", {"description": "Any other error", "content": {MEDIA_TYPE: {"schema": REF}}}
    )


def install(app: FastAPI) -> None:
    """Replace ``app.openapi`` with one that declares the problems; the document is built once."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            for path in spec.get("paths", {}).values():
                for operation in path.values():
                    _problems(operation.setdefault("responses", {}))
            schemas = spec.setdefault("components", {}).setdefault("schemas", {})
            problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(problem.pop("$defs", {}), Problem=problem)
            schemas.pop("HTTPValidationError", None)
            schemas.pop("ValidationError", None)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to customise it
