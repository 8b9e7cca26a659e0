"""Which build of the code a process runs, for what is kept across restarts.

The workers' shared fragment cache (``region_sections_shared``: a file per rendered card under VAR_DIR)
outlives a restart on purpose: after one, each region's cards are built once, not once per worker. But
a card rendered by the previous release must not be served after an upgrade (a changed template, view
or translation would show up to ``TIMEOUT`` late), so its keys begin with :func:`code_fingerprint`.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from kotacerdas import __version__

PACKAGE_ROOT = Path(__file__).resolve().parent


@functools.cache
def code_fingerprint(root: Path = PACKAGE_ROOT) -> str:
    """A short hash of the version and of every file of the package (its name, size and modification
    time): an installation or a ``git pull`` changes it, a restart of the same files does not. Reading
    the ~1,200 files' metadata takes a few milliseconds, once per process."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        stat = path.stat()
        digest.update(f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]
