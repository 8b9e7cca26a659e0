"""Static files that come from installed Python packages (no CDN, no npm on anyone's machine).

The roadmap chart draws with plotly.js. The ``plotly`` wheel on PyPI ships the minified library
(``plotly/package_data/plotly.min.js``), so ``pip install`` brings the exact file and this finder serves
it as the static file ``vendor/plotly/plotly.min.js`` (collectstatic copies and fingerprints it like any
other). Only the files named in :data:`VENDORED` are exposed, not the package's data sets.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

# static path → (package, file inside the package)
VENDORED = {"vendor/plotly/plotly.min.js": ("plotly", "package_data/plotly.min.js")}


def vendored_file(static_path: str) -> Path | None:
    """Where an installed package keeps a vendored file, or None when the package is missing."""
    package, inside = VENDORED[static_path]
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    location = Path(next(iter(spec.submodule_search_locations))) / inside
    return location if location.is_file() else None


class VendorFinder(BaseFinder):
    """A staticfiles finder for :data:`VENDORED` files."""

    def check(self, **kwargs: Any) -> list[Any]:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str]:  # type: ignore[override]
        found = vendored_file(path) if path in VENDORED else None
        if found is None:
            return [] if find_all else ""
        return [str(found)] if find_all else str(found)

    def list(self, ignore_patterns: Any) -> Iterator[tuple[str, FileSystemStorage]]:
        for static_path in VENDORED:
            found = vendored_file(static_path)
            if found is not None:
                storage = FileSystemStorage(location=str(found.parent))
                storage.prefix = str(Path(static_path).parent)  # type: ignore[attr-defined]
                yield found.name, storage
