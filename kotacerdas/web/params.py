"""Query parameters parsed one way, so odd input is a default or a 400, never a 500.

``str.isdigit()`` is true for "²" and "٣", which ``int()`` then refuses or misreads; every page reads its
numeric query parameters through ``query_int`` instead (ASCII digits only, bounded length).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window
from django.http import HttpRequest

ASCII_NUMBER = re.compile(r"[0-9]{1,9}")


def parse_int(text: str) -> int | None:
    """A whole number written with ASCII digits (at most nine), or None."""
    text = text.strip()
    return int(text) if ASCII_NUMBER.fullmatch(text) else None


def query_int(request: HttpRequest, name: str, default: int | None = None) -> int | None:
    """``?name=`` as a whole number; ``default`` when it is missing or not a plain number."""
    value = parse_int(request.GET.get(name, ""))
    return default if value is None else value


# The rows of one page of every list page (docs/reference/pagination.md): a region's lists and the
# national lists alike, so a list's cost stays bounded however long it grows.
PAGE_SIZE = 50


def page_of(request: HttpRequest, items: Sequence[Any] | QuerySet[Any], size: int = PAGE_SIZE) -> Page[Any]:
    """The page ``?page=`` of ``items`` (the first when missing or odd, the last when past the end)."""
    return Paginator(items, size).get_page(query_int(request, "page", 1))


def counted_page_of(request: HttpRequest, items: QuerySet[Any], size: int = PAGE_SIZE) -> Page[Any]:
    """:func:`page_of` in one query instead of two: each row of the page carries the count of all rows
    (a window over every row, computed before the LIMIT), which is the paginator's count. When the
    asked page is empty (past the end, or no rows at all) it falls back to :func:`page_of`."""
    number = query_int(request, "page", 1)
    if number is None or number < 1:  # ?page=0: page_of shows the last page, as Paginator.get_page does
        return page_of(request, items, size)
    start = (number - 1) * size
    rows = list(items.annotate(_count_of_all=Window(Count("pk")))[start : start + size])
    if not rows:
        return page_of(request, items, size)
    paginator = Paginator(items, size)
    paginator.__dict__["count"] = rows[0]._count_of_all  # the cached_property, known without a query
    return Page(rows, number, paginator)
