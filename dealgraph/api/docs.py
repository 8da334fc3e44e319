"""OpenAPI's interactive page at ``/docs``, with Swagger UI served from ``node_modules`` (npm's
``swagger-ui-dist``) instead of FastAPI's default CDN, so it works on a machine without internet.
Without the npm package the page falls back to FastAPI's CDN-loaded one."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from dealgraph.web.pages import node_modules


def install(app: FastAPI) -> None:
    dist = node_modules() / "swagger-ui-dist"
    local = (dist / "swagger-ui-bundle.js").is_file()
    if local:
        app.mount("/vendor/swagger-ui", StaticFiles(directory=str(dist)), name="vendor-swagger-ui")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if not local:
            return get_swagger_ui_html(openapi_url="/openapi.json", title="dealgraph API")
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="dealgraph API",
            swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )
