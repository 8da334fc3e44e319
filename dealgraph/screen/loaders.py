"""One entry point over the list readers: ``read_list(path, format)``.

Formats: ``ofac-sdn`` (OFAC SDN CSV), ``eu-csv`` (EU list CSV), ``uk-ods`` (UK list spreadsheet),
``ftm`` (FollowTheMoney JSON lines). Each reader parses the whole file first and raises ``InputError``
on a malformed one. Entries carry their dataset: the one the user names, else the format's usual one;
an FtM file's entities name their own (``load_ftm``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from dealgraph.exc import InputError
from dealgraph.screen.load_eu import load_eu_csv
from dealgraph.screen.load_ftm import load_ftm, snapshot_date
from dealgraph.screen.load_ofac import load_ofac_sdn
from dealgraph.screen.load_uk import load_uk_ods
from dealgraph.screen.records import ListEntry

Reader = Callable[[Path | str, str], list[ListEntry]]

READERS: dict[str, Reader] = {"ofac-sdn": load_ofac_sdn, "eu-csv": load_eu_csv, "uk-ods": load_uk_ods}
DEFAULT_DATASETS = {"ofac-sdn": "us_ofac_sdn", "eu-csv": "eu_fsf", "uk-ods": "gb_hmt"}
FORMATS: tuple[str, ...] = (*READERS, "ftm")


def read_list(path: Path | str, format: str, dataset: str | None = None) -> list[ListEntry]:
    """Parse a list file in one of ``FORMATS``; the dataset name defaults to the format's usual one (for
    FtM, to each entity's own)."""
    if format == "ftm":
        return load_ftm(path, dataset)
    if format not in READERS:
        raise InputError(f"unknown list format {format!r}; known: {', '.join(FORMATS)}")
    return READERS[format](path, dataset or DEFAULT_DATASETS[format])


def snapshot_day(path: Path | str, format: str) -> date | None:
    """The day a list file shows the list as of, when the file tells: a date in its name, else (FtM)
    the latest day its entities were seen."""
    return date_in_name(path) or (snapshot_date(path) if format == "ftm" else None)


def date_in_name(path: Path | str) -> date | None:
    """The ``YYYY-MM-DD`` date in a file name (``sdn-2022-03-01.csv``), if it has one."""
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", Path(path).name)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
