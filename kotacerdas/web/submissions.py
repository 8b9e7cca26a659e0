"""Once per submission: a repeated POST (a double click, a retried request) has no second effect.

Every POST form carries a one-time token (``{% submission_token %}`` next to ``{% csrf_token %}``);
an API client may send an ``Idempotency-Key`` header. ``once(user, token, scope)`` runs the caller's
action in one transaction that first records the token (``SubmittedForm``). A second request with
the same token waits on the first (the row's unique key) and then raises ``AlreadySubmitted``
carrying what the first answered; when the first was refused (its transaction rolled back) the
second simply runs. Without a token ``once`` is only the transaction, so requests that send none
work as before. Tokens older than ``KEEP`` are pruned by the writes (at most every ``PRUNE_EVERY``
in a process).

The kernel imports no feature app: the page layer (``kotacerdas.web.pages``) and the API views use
this module.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.web.models import SubmittedForm

FIELD = "submission_token"  # the hidden field of every POST form
HEADER = "Idempotency-Key"  # what an API client may send
KEEP = timedelta(days=1)  # how long a token is remembered
_TOKEN = re.compile(r"[0-9a-f]{32}")
_KEY = re.compile(r"[\x21-\x7e]{1,255}")  # visible ASCII, as in the IETF idempotency-key draft


def new_token() -> str:
    """A fresh one-time token for one rendered form."""
    return secrets.token_hex(16)


def form_token(request: HttpRequest) -> str | None:
    """The POSTed form's token, or None (an old page, a test or a client that sends none)."""
    token = request.POST.get(FIELD, "") if request.method == "POST" else ""
    return token if _TOKEN.fullmatch(token) else None


def idempotency_key(request: HttpRequest) -> str | None:
    """The request's ``Idempotency-Key`` header, or None; a malformed key is refused (400)."""
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not _KEY.fullmatch(key):
        raise ValidationError({HEADER: _("The Idempotency-Key must be 1 to 255 visible ASCII characters.")})
    return key


class AlreadySubmitted(Exception):
    """The same submission was handled before; ``record`` holds what it answered."""

    def __init__(self, record: SubmittedForm | None) -> None:
        super().__init__("already submitted")
        self.record = record


@dataclass
class Claim:
    """The running submission: note its answer, or give it up so its token stays unused."""

    record_id: int | None
    redirect_to: str = ""

    def answer(self, *, redirect_to: str = "", status: int | None = None, body: Any = None) -> None:
        """Remember the answer, in the same transaction, for a repeat to give (no write when the token
        was recorded with this very answer: a form that goes back to its own page)."""
        if self.record_id is None or (redirect_to == self.redirect_to and status is None and body is None):
            return
        row = SubmittedForm.objects.filter(pk=self.record_id)
        row.update(redirect_to=redirect_to, status=status, body=body)

    def give_up(self) -> None:
        """The action was refused: roll everything back, the token included, when ``once`` ends."""
        transaction.set_rollback(True)


def _digest(scope: str, user: Any, token: str) -> str:
    return hashlib.sha256(f"{scope}\x00{getattr(user, 'pk', None)}\x00{token}".encode()).hexdigest()


PRUNE_EVERY = timedelta(minutes=5)  # how often one process sweeps the expired tokens
_last_prune: list[datetime] = []  # when this process last swept (empty: never)


def prune() -> None:
    """Delete the tokens older than ``KEEP``, at most once per ``PRUNE_EVERY`` in a process: the sweep
    is a write transaction of its own, and running it on every save only repeated an empty DELETE.
    A token is so remembered for at least ``KEEP`` and at most ``KEEP + PRUNE_EVERY``."""
    now = timezone.now()
    if _last_prune and now - _last_prune[0] < PRUNE_EVERY:
        return
    _last_prune[:] = [now]
    SubmittedForm.objects.filter(created_at__lt=now - KEEP).delete()


@contextmanager
def once(user: Any, token: str | None, scope: str = "form", redirect_to: str = "") -> Iterator[Claim]:
    """Run the block in one transaction, at most once per ``token`` (of this user and scope).

    Raises ``AlreadySubmitted`` on entry when the token was used by an action that committed;
    waits first when that action is still running. ``redirect_to``: the answer the caller expects to
    give, recorded with the token (``Claim.answer`` then writes nothing more when it is the answer)."""
    if token is None:
        with transaction.atomic():
            yield Claim(None)
        return
    prune()
    key = _digest(scope, user, token)
    with transaction.atomic():
        record_id = _record_token(key, redirect_to)
        if record_id is None:
            raise AlreadySubmitted(SubmittedForm.objects.filter(key=key).first())
        yield Claim(record_id, redirect_to)


def _record_token(key: str, redirect_to: str) -> int | None:
    """Insert the token's row; its id, or None when a committed request holds the key (the database
    waits for one still running, on the unique key). One statement that cannot fail on the clash
    (``ON CONFLICT DO NOTHING``, PostgreSQL and SQLite), so no savepoint is needed to keep the
    transaction usable: a save's two round trips and ~0.3 ms of CPU fewer (issue 13, item 11)."""
    connection = transaction.get_connection()
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(SubmittedForm._meta.db_table)} ({quote('key')}, {quote('created_at')}, "
        f"{quote('redirect_to')}) VALUES (%s, %s, %s) ON CONFLICT ({quote('key')}) DO NOTHING "
        f"RETURNING {quote('id')}"
    )
    created_at = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, created_at, redirect_to])
        row = cursor.fetchone()
    return int(row[0]) if row else None


@dataclass(frozen=True)
class Answer:
    """An API write's answer: its status and body, and whether it repeats an earlier one."""

    status: int
    body: Any
    replayed: bool = False


def answer_once(request: Any, run: Callable[[], tuple[int, Any]], user: Any = None) -> Answer:
    """An API write at most once per ``Idempotency-Key``: ``run`` returns (status, JSON body).

    A repeat of a write that succeeded answers the first status and body and does nothing. A write
    that raises (refused: 400, 403, 404) leaves no trace, so the client may correct it and retry."""
    key = idempotency_key(request)
    scope = f"api {request.method} {request.path}"
    try:
        with once(user if user is not None else request.user, key, scope) as claim:
            status, body = run()
            claim.answer(status=status, body=body)
    except AlreadySubmitted as repeat:
        if repeat.record is None or repeat.record.status is None:  # pruned in between: say so plainly
            return Answer(409, {"detail": _("This request was already sent.")}, replayed=True)
        return Answer(repeat.record.status, repeat.record.body, replayed=True)
    return Answer(status, body)
