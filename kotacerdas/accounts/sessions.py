"""The session store: Django's database sessions, read with SQL compiled once per process.

Every request of a signed-in person reads its session first; the ORM's building of that one-row query
cost more than running it (``kotacerdas.web.compiled``). Writing, expiry and the table are Django's.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import router
from django.utils import timezone

from kotacerdas.web.compiled import compiled

_KEY = "\x00session-key"  # stand-ins: no real session key or time is either
_NOW = datetime(1901, 2, 3, 4, 5, 6, tzinfo=UTC)


def _unexpired(key: str, now: datetime) -> Any:
    return Session.objects.filter(session_key=key, expire_date__gt=now).values_list("session_data")


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        key = self.session_key
        assert key is not None  # Django loads only a session that has a key
        query = compiled("session", router.db_for_read(Session), _unexpired, _KEY, _NOW)
        rows = query.rows(key, timezone.now())
        if not rows:
            self._session_key = None
            return None
        return Session(session_key=key, session_data=rows[0][0])
