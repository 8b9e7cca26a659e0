"""gunicorn settings for kotacerdas: ``gunicorn -c python:kotacerdas.gunicorn_conf kotacerdas.wsgi``.

Once a worker has loaded the application, everything loaded so far (modules, URL patterns, templates'
loaders, translations) lives as long as the process. ``gc.freeze()`` moves those objects out of the
collector's generations, so the full collections that come every few dozen requests no longer walk
them (issue 17: garbage collection was 8 % of the region page and 19 % of the initiatives list; see
bench/pages/README.md). Nothing is leaked: frozen objects are simply never examined for cycles.
"""

from __future__ import annotations

import gc
from typing import Any

# The documented defaults (docs/how-to/deploy.md); the command line may override them.
bind = "127.0.0.1:8000"
workers = 3
timeout = 120


def post_worker_init(worker: Any) -> None:
    """Called in each worker after the application is imported: load what Django loads on first use,
    collect once, then freeze what is left."""
    load_lazy_parts()
    gc.collect()
    gc.freeze()


def load_lazy_parts() -> None:
    """The URL patterns (and with them every view module and what it imports, matplotlib included) and
    the translations, which Django loads on a worker's first request: after a restart 1,000 people's
    first requests waited behind each worker's loading (5 % of the first 20 s, bench/load/README.md)."""
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().reverse_dict  # noqa: B018 - imports every URLconf and view, and fills the reverse map
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Home")
