"""The inbox of the signed-in person in a request, and the navigation's badge kept in their session.

:func:`inbox_for_request` collects the inbox (:func:`kotacerdas.web.inbox.collect_inbox`) once per
request for the navigation and the page; :func:`badge_count_for_request` gives the navigation's number
from the session while it is fresh (``INBOX_BADGE_SECONDS``), and :func:`recount_badge` counts again after
the person's own write (``InboxBadgeMiddleware``).
"""

from __future__ import annotations

import time
from contextlib import nullcontext
from typing import Any

from django.conf import settings
from django.utils import timezone

from kotacerdas.web.inbox import ALWAYS_READ, Inbox, collect_inbox, count_inbox
from kotacerdas.web.memo import fresh_memo


def inbox_for_request(request: Any, now: float | None = None) -> Inbox:
    """The signed-in person's inbox, collected once per request (navigation and page share it).

    Collecting it also corrects the navigation's kept badge (:func:`keep_badge`): opening the inbox or
    a home page always shows the live count.
    """
    cached = getattr(request, "_kotacerdas_inbox", None)
    if cached is None:
        cached = collect_inbox(request.user)
        request._kotacerdas_inbox = cached
        keep_badge(request, cached.count, now)
    return cached


# The navigation's badge: the count kept in the person's session for a short while (issue 17/13).
# Collecting the whole inbox for one number cost 8–10 ms a page; notification badges in most products
# are a little behind for the same reason. The person's own writes drop it (InboxBadgeMiddleware), the
# inbox and home pages correct it with their live count, other people's changes show within
# INBOX_BADGE_SECONDS.
BADGE_SESSION_KEY = "kotacerdas_inbox_badge"
BADGE_SECONDS_DEFAULT = 60


def badge_seconds() -> int:
    return int(getattr(settings, "INBOX_BADGE_SECONDS", BADGE_SECONDS_DEFAULT))


def _kept_badge(request: Any, now: float) -> int | None:
    """The session's count if it is this person's, of today and younger than the window."""
    kept = request.session.get(BADGE_SESSION_KEY)
    if not isinstance(kept, dict) or kept.get("user") != request.user.pk:
        return None
    made = kept.get("made")
    fresh = isinstance(made, int | float) and 0 <= now - made < badge_seconds()
    if not fresh or kept.get("date") != timezone.localdate().isoformat():
        return None
    count = kept.get("count")
    return count if isinstance(count, int) else None


def keep_badge(request: Any, count: int, now: float | None = None) -> None:
    """Store the live count in the session (written only when it changes or has aged)."""
    session = getattr(request, "session", None)
    if session is None or not getattr(request.user, "is_authenticated", False):
        return
    now = time.time() if now is None else now
    if _kept_badge(request, now) == count:
        return  # the same number, still fresh: no session write
    session[BADGE_SESSION_KEY] = {
        "user": request.user.pk,
        "count": count,
        "made": int(now),
        "date": timezone.localdate().isoformat(),
    }


def recount_badge(request: Any, written: frozenset[str] | None) -> None:
    """After the person's own write (of these record types): count now, for the write's response to
    keep, so the page after it shows the live count without counting again. The session is written
    only when the count changed or had aged (a draft saved again changes nothing: no session write in
    the save or after it). Roles the request read before a write that may have changed them are not
    trusted: they are read again."""
    roles_may_have_moved = not written or bool(written & ALWAYS_READ)
    with fresh_memo() if roles_may_have_moved else nullcontext():
        keep_badge(request, count_inbox(request.user))


def badge_count_for_request(request: Any, now: float | None = None) -> int:
    """The navigation's inbox count: the session's if fresh, otherwise collected and kept.

    A page that collects the live inbox anyway (home, inbox) has already kept its count; the badge
    then uses it, so the page collects once. A visitor gets 0 and no session write.
    """
    if not getattr(request.user, "is_authenticated", False) or getattr(request, "session", None) is None:
        return 0
    live = getattr(request, "_kotacerdas_inbox", None)
    if live is not None:
        return live.count
    kept = _kept_badge(request, time.time() if now is None else now)
    if kept is not None:
        return kept
    count = count_inbox(request.user)
    keep_badge(request, count, now)
    return count
