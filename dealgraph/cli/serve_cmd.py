"""`dealgraph serve`: the REST API and web UI over the store, on localhost unless told otherwise."""

from __future__ import annotations

import typer

from dealgraph.cli.context import state

LOCAL_HOSTS = "localhost,127.0.0.1,[::1]"


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to bind; the default keeps the server local."),
    port: int = typer.Option(8000, min=0, max=65535, help="Port to listen on."),
    allowed_hosts: str = typer.Option(
        LOCAL_HOSTS,
        "--allowed-hosts",
        help="Comma-separated host names the Host header may give ('*' for any); others get 400.",
    ),
) -> None:
    """Serve the API (docs at /docs) and the web UI (at /). Writes need $DEALGRAPH_API_TOKEN."""
    import uvicorn

    from dealgraph.server import create_app

    settings = state.settings()
    hosts = [h.strip() for h in allowed_hosts.split(",") if h.strip()]
    app = create_app(settings, allowed_hosts=hosts)
    if host not in ("127.0.0.1", "localhost", "::1"):
        state.say(f"[yellow]warning:[/yellow] binding {host}: the server is reachable from other machines")
    if not settings.api_token:
        state.say("writes are off: set DEALGRAPH_API_TOKEN to allow ingest and merge/split/dismiss")
    uvicorn.run(app, host=host, port=port, log_level="info")


def register(app: typer.Typer) -> None:
    app.command()(serve)
