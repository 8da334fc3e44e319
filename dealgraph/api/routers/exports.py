"""``/export/ftm``: the FollowTheMoney export (``dealgraph export --format ftm``) as NDJSON, one entity
per line, the same lines the CLI writes, streamed as they are made.

An FtM entity is whole (its values gathered from every article), so the exporter reads the store and
collects every value before the first entity is complete; from there each entity is made, written and
dropped in turn, and the lines are never joined into one body. The store is read before the response
starts, so a failure to read it is an error with a problem body rather than a cut-off stream."""

from __future__ import annotations

import itertools

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from dealgraph.api.deps import StoreDep
from dealgraph.export import ftm_lines

router = APIRouter(prefix="/export", tags=["export"])
NDJSON = "application/x-ndjson"
EXAMPLE = (
    '{"id": "dg-kirill-dmitriev", "caption": "Kirill Dmitriev", "schema": "Person", "referents": [], '
    '"datasets": ["dealgraph"], "origin": ["dealgraph-extract/0.1.0"], "first_seen": "2025-02-18T00:00:00", '
    '"last_seen": "2025-08-16T00:00:00", "properties": {"name": ["Kirill Dmitriev"], '
    '"alias": ["Kirill Dmitriyev"], "weakAlias": ["Dmitriev"]}}\n'
)


class NDJSONResponse(StreamingResponse):
    media_type = NDJSON


@router.get(
    "/ftm",
    response_class=NDJSONResponse,
    responses={
        200: {
            "description": "One FollowTheMoney entity (JSON) per line, of the `dealgraph` dataset",
            "content": {NDJSON: {"schema": {"type": "string"}, "example": EXAMPLE}},
        }
    },
    summary="The FollowTheMoney export, one entity per line",
)
def export_ftm(store: StoreDep) -> NDJSONResponse:
    lines = ftm_lines(store)
    first = list(itertools.islice(lines, 1))  # reads the store, here rather than mid-stream
    return NDJSONResponse(line.encode("utf-8") for line in itertools.chain(first, lines))
