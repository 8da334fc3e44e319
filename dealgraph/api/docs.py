"""OpenAPI's interactive page at ``/docs``, with Swagger UI served from ``node_modules`` (npm's
``swagger-ui-dist``) instead of FastAPI's default CDN, so it works on a machine without internet.
Without the npm package the page falls back to FastAPI's CDN-loaded one."""

from __future__ import annotations

import secrets

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from dealgraph.settings import node_modules


def install(app: FastAPI) -> None:
    dist = node_modules() / "swagger-ui-dist"
    local = (dist / "swagger-ui-bundle.js").is_file()
    if local:
        app.mount("/vendor/swagger-ui", StaticFiles(directory=str(dist)), name="vendor-swagger-ui")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if not local:
            page = get_swagger_ui_html(openapi_url="/openapi.json", title="dealgraph API")
            return with_policy(page, CDN)
        page = get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="dealgraph API",
            swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )
        return with_policy(page, "")


CDN = "https://cdn.jsdelivr.net"  # where FastAPI's own page loads Swagger UI from


def with_policy(page: HTMLResponse, extra: str) -> HTMLResponse:
    """The page with a Content-Security-Policy: its one inline script (Swagger UI's set-up) runs by a
    nonce made for this response; other scripts only from here (or the CDN of the fallback page)."""
    nonce = secrets.token_urlsafe(16)
    body = bytes(page.body).replace(b"<script>", f'<script nonce="{nonce}">'.encode())
    source = f"'self' {extra}".strip()
    policy = (
        f"default-src 'self'; script-src {source} 'nonce-{nonce}'; style-src {source} 'unsafe-inline'; "
        f"img-src {source} data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'"
    )
    headers = {"Content-Security-Policy": policy, "X-Content-Type-Options": "nosniff"}
    return HTMLResponse(body, headers=headers)
