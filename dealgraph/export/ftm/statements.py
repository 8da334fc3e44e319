"""The FtM export's statements: every value of every entity with where it came from and when.

An entity is built from many articles; each value is one followthemoney ``Statement`` of the
``dealgraph`` dataset whose ``origin`` is the extractor and version that found it and whose
``first_seen``/``last_seen`` are the earliest and latest publication dates of the articles reporting it.
Values are cleaned by their property type here; a reference that does not clean, or that points to no
entity of the export, is a bug and raises, and so does an entity missing a property its schema requires.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from followthemoney import Dataset, StatementEntity, model, registry
from followthemoney.exc import InvalidData
from followthemoney.schema import Schema, ValidationData
from followthemoney.statement import Statement

DATASET = Dataset.make({"name": "dealgraph", "title": "dealgraph: deals reported in the news"})


def seen(day: date | None) -> str | None:
    """A publication date as FtM's ``first_seen``/``last_seen`` timestamp."""
    return f"{day.isoformat()}T00:00:00" if day else None


@dataclass
class _Value:
    first: str | None
    last: str | None
    origin: str


@dataclass
class _Entity:
    schema: Schema
    values: dict[tuple[str, str], _Value] = field(default_factory=dict)


class Statements:
    """Entities under construction, in the order they were first made."""

    def __init__(self) -> None:
        self.entities: dict[str, _Entity] = {}

    def make(self, entity_id: str, schema: str) -> str:
        """Declare an entity (again): a second declaration may only narrow its schema (Organization to
        Company); two unrelated schemata keep the first."""
        wanted = model.get(schema)
        if wanted is None:
            raise ValueError(f"no FtM schema {schema!r}")
        known = self.entities.get(entity_id)
        if known is None:
            self.entities[entity_id] = _Entity(wanted)
        elif known.schema != wanted:
            with contextlib.suppress(InvalidData):  # unrelated schemata: the first one stays
                known.schema = model.common_schema(known.schema, wanted)
        return entity_id

    def add(self, entity_id: str, prop: str, value: Any, day: date | None, origin: str) -> None:
        """One value of ``prop``; an empty or uncleanable plain value is skipped."""
        if value is None or value == "":
            return
        entity = self.entities[entity_id]
        prop_ = entity.schema.get(prop)
        if prop_ is None:
            raise ValueError(f"{entity.schema.name} has no property {prop!r}")
        clean = prop_.type.clean(str(value))
        if clean is None:
            if prop_.type == registry.entity:
                raise ValueError(f"{entity.schema.name}.{prop}: {value!r} is no FtM id")
            return
        stamp = seen(day)
        known = entity.values.get((prop, clean))
        if known is None:
            entity.values[(prop, clean)] = _Value(stamp, stamp, origin)
            return
        if stamp and (known.first is None or stamp < known.first):
            known.first, known.origin = stamp, origin
        if stamp and (known.last is None or stamp > known.last):
            known.last = stamp

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entities

    def emit(self) -> Iterator[dict[str, Any]]:
        """Every entity as an FtM dict, each checked: references resolve, required properties present."""
        for entity_id, entity in self.entities.items():
            proxy = StatementEntity(DATASET, {"id": entity_id, "schema": entity.schema.name})
            for (prop, value), v in entity.values.items():
                prop_ = entity.schema.properties[prop]
                if prop_.type == registry.entity and value not in self.entities:
                    raise ValueError(f"{entity.schema.name}.{prop} of {entity_id} points nowhere: {value}")
                proxy.add_statement(
                    Statement(
                        entity_id=entity_id,
                        prop=prop,
                        schema=entity.schema.name,
                        value=value,
                        dataset=DATASET.name,
                        first_seen=v.first,
                        last_seen=v.last,
                        origin=v.origin,
                    )
                )
            data = proxy.to_dict()
            # followthemoney keeps values in sets: sorted, the same entity is the same bytes in any run
            for key in ("origin", "datasets", "referents"):
                if isinstance(data.get(key), list):
                    data[key] = sorted(data[key])
            data["properties"] = {prop: sorted(values) for prop, values in data["properties"].items()}
            error = entity.schema.validate(cast(ValidationData, data))
            if error:
                raise ValueError(f"invalid FtM {entity.schema.name} {entity_id}: {error}")
            yield data
