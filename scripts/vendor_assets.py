"""Copy the browser libraries the pages load from npm's ``node_modules`` into ``dealgraph/vendor/``, so
that an install and a wheel carry them without the repository committing third-party code.

    python scripts/vendor_assets.py [--from NODE_MODULES] [--to DEST]

Run by the Makefile's install step (after ``npm ci``) and by ``make wheel``. It copies exactly what
is served: cytoscape's minified build for the graph page (``/vendor/cytoscape/``) and Swagger UI's
bundle and stylesheet for the API's ``/docs`` (``/vendor/swagger-ui/``), with each package's licence
(Swagger UI's Apache-2.0 asks for its NOTICE too) and ``package.json`` (its version), in the same
layout as ``node_modules`` so that ``settings.node_modules()`` can point at either. ``dealgraph/vendor/``
is git-ignored; the folder is rebuilt whole, so a file npm no longer has cannot linger.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# package -> the files of it that are served (paths inside the npm package), and its licence files
ASSETS: dict[str, tuple[str, ...]] = {
    "cytoscape": ("dist/cytoscape.min.js", "LICENSE", "package.json"),
    "swagger-ui-dist": (
        "swagger-ui-bundle.js",
        "swagger-ui-bundle.js.LICENSE.txt",
        "swagger-ui.css",
        "LICENSE",
        "NOTICE",
        "package.json",
    ),
}


def vendor(source: Path, dest: Path) -> list[Path]:
    """Copy ``ASSETS`` from ``source`` (a node_modules folder) into a fresh ``dest``; the files written.
    Every file must be there: a missing one raises FileNotFoundError and leaves ``dest`` as it was."""
    missing = [f"{package}/{name}" for package, names in ASSETS.items() for name in names]
    missing = [name for name in missing if not (source / name).is_file()]
    if missing:
        raise FileNotFoundError(f"not in {source} (run npm ci): {', '.join(missing)}")
    staging = dest.with_name(dest.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    written = []
    for package, names in ASSETS.items():
        for name in names:
            target = staging / package / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / package / name, target)
            written.append(dest / package / name)
    shutil.rmtree(dest, ignore_errors=True)
    staging.rename(dest)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--from", dest="source", type=Path, default=ROOT / "node_modules")
    parser.add_argument("--to", dest="dest", type=Path, default=ROOT / "dealgraph" / "vendor")
    args = parser.parse_args(argv)
    try:
        written = vendor(args.source, args.dest)
    except FileNotFoundError as error:
        print(f"vendor_assets: {error}", file=sys.stderr)
        return 1
    print(f"vendor_assets: {len(written)} files into {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
