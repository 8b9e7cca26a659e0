"""A small, bounded HTTP/1.1 load client on asyncio: loopback only, keep-alive, cookies given per user.

Two ways to load the server:

* :func:`saturate` — ``connections`` clients without think time, each sending the next request as soon
  as the previous answer arrived, for ``seconds``: the throughput a page allows (compared with a trivial
  view on the same stack).
* :func:`simulate` — ``users`` people who think between requests (``think`` seconds on average,
  uniformly 0.5–1.5 × that), each running a scenario: the latency people feel at a given load.

A form is saved as people save it: GET the page, take the form's fields (its CSRF token, submission
token and version, all fresh), change one field, POST. Only 127.0.0.1 is accepted as a target.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import secrets
import statistics
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode

LOOPBACK = "127.0.0.1"
TIMEOUT = 30.0  # seconds for one request: slower counts as an error


class LoadError(Exception):
    """A request failed (connection, timeout or an unexpected status); the message says which and why."""


def describe(error: BaseException) -> str:
    """An exception as one line: its type and, when it has one, its message."""
    text = str(error)
    if isinstance(error, asyncio.IncompleteReadError):
        text = f"connection closed after {len(error.partial)} bytes"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


@dataclass
class Answer:
    status: int
    body: bytes
    cookies: dict[str, str]
    location: str = ""


class Connection:
    """One keep-alive connection to 127.0.0.1:port, reopened when the server closes it.

    As a browser does: a request sent on a kept-alive connection that the server closed before any
    byte of an answer came back (it timed the connection out, or reached its requests per connection)
    is sent again once on a fresh connection. Only a failure on a fresh connection is an error. Every
    request, its retry included, ends within ``TIMEOUT`` seconds."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.used = False  # an answer came back on this connection: it is a kept-alive one now
        self.reopened = 0  # how many requests were sent again on a fresh connection

    async def request(self, method: str, path: str, cookies: dict[str, str], body: bytes = b"") -> Answer:
        deadline = time.monotonic() + TIMEOUT
        while True:
            reused, answered = self.used and self.writer is not None, [False]
            try:
                async with asyncio.timeout(max(0.0, deadline - time.monotonic())):
                    return await self._exchange(method, path, cookies, body, answered)
            except TimeoutError as error:  # (before OSError, of which it is a subclass)
                await self.close()
                raise LoadError(f"{method} {path}: no answer within {TIMEOUT:.0f} s") from error
            except (OSError, asyncio.IncompleteReadError) as error:
                await self.close()
                if reused and not answered[0]:
                    self.reopened += 1
                    continue  # the server had closed the kept-alive connection: send it again, fresh
                where = "a kept-alive connection, mid-answer" if reused else "a fresh connection"
                raise LoadError(f"{method} {path}: {describe(error)} on {where}") from error

    async def _exchange(
        self, method: str, path: str, cookies: dict[str, str], body: bytes, answered: list[bool]
    ) -> Answer:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(LOOPBACK, self.port)
            self.used = False
        assert self.reader is not None
        head = [f"{method} {path} HTTP/1.1", f"Host: {LOOPBACK}", "Connection: keep-alive"]
        if cookies:
            head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
        if method == "POST":
            head += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
            head.append(f"Referer: http://{LOOPBACK}{path}")
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        status_line = await self.reader.readuntil(b"\r\n")
        answered[0] = True
        status = int(status_line.split()[1])
        headers: list[tuple[str, str]] = []
        while (line := await self.reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            headers.append((name.strip().lower(), value.strip()))
        data = await self._body(dict(headers))
        self.used = True
        if dict(headers).get("connection", "").lower() == "close":
            await self.close()
        set_cookies = {}
        for name, value in headers:
            if name == "set-cookie":
                key, _, rest = value.partition("=")
                set_cookies[key] = rest.split(";", 1)[0]
        return Answer(status, data, set_cookies, dict(headers).get("location", ""))

    async def _body(self, headers: dict[str, str]) -> bytes:
        assert self.reader is not None
        if "content-length" in headers:
            return await self.reader.readexactly(int(headers["content-length"]))
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                chunks.append(await self.reader.readexactly(size))
                await self.reader.readexactly(2)
            await self.reader.readuntil(b"\r\n")
            return b"".join(chunks)
        return b""

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


# ------------------------------------------------------------------------------------------- forms


class _FormFields(HTMLParser):
    """The fields of every ``<form method="post">`` on a page, as people's browsers would send them."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({}) if a.get("method", "").lower() == "post" else None
            return
        if not self.forms or "name" not in a:
            if tag == "option" and self._select and ("selected" in a or self._select not in self.forms[-1]):
                self.forms[-1][self._select] = a.get("value", "")
            return
        fields = self.forms[-1]
        if tag == "input" and a.get("type", "text") not in ("file", "submit", "checkbox", "radio", "button"):
            fields[a["name"]] = a.get("value", "")
        elif tag == "select":
            self._select = a["name"]
        elif tag == "textarea":
            self._textarea = a["name"]
            fields[a["name"]] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1][self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_with(html: str, field_name: str) -> dict[str, str]:
    """The POST form of ``html`` that has ``field_name``; LoadError when the page has none."""
    parser = _FormFields()
    parser.feed(html)
    for fields in parser.forms:
        if field_name in fields:
            return fields
    raise LoadError(f"no form with a field {field_name!r} on the page")


# ------------------------------------------------------------------------------------------- users


@dataclass
class Tally:
    """Latencies (ms) and errors per step name; ``failed`` holds every error, whatever its step."""

    times: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    reopened: int = 0  # requests sent again on a fresh connection (the server had closed a kept-alive one)
    # (monotonic second it ended, ms) of every timed request, to tell the warm-up from the steady state
    timeline: list[tuple[float, float]] = field(default_factory=list)

    def add(self, name: str, ms: float) -> None:
        self.times.setdefault(name, []).append(ms)
        self.timeline.append((time.monotonic(), ms))

    def p95_by_window(self, begun: float, seconds: float) -> list[tuple[float, int, float]]:
        """(window start in s, requests, p95 ms) per ``seconds``-long window from ``begun``."""
        windows: dict[int, list[float]] = {}
        for ended, ms in self.timeline:
            windows.setdefault(int((ended - begun) // seconds), []).append(ms)
        return [
            (index * seconds, len(times), sorted(times)[max(0, round(0.95 * len(times)) - 1)])
            for index, times in sorted(windows.items())
        ]

    def fail(self, name: str, why: str) -> None:
        self.errors.setdefault(name, []).append(why)
        if name != "failed":
            self.errors.setdefault("failed", []).append(why)

    def summary(self, name: str) -> tuple[int, float, float, int]:
        """(count, p50 ms, p95 ms, errors)."""
        times = sorted(self.times.get(name, []))
        if not times:
            return 0, float("nan"), float("nan"), len(self.errors.get(name, []))
        p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]
        return len(times), statistics.median(times), p95, len(self.errors.get(name, []))

    def causes(self, limit: int = 8) -> list[tuple[int, str, str]]:
        """The commonest causes of error (the message without its path): (count, cause, an example)."""
        counted: Counter[str] = Counter()
        example: dict[str, str] = {}
        for why in self.errors.get("failed", []):
            method, _, rest = why.partition(" ")
            cause = rest.partition(": ")[2] or why
            counted[f"{method} {cause}"] += 1
            example.setdefault(f"{method} {cause}", why)
        return [(n, cause, example[cause]) for cause, n in counted.most_common(limit)]


@dataclass
class User:
    """One simulated person (or client): their session cookie and their connection."""

    cookies: dict[str, str]
    port: int
    tally: Tally
    connection: Connection = field(init=False)

    def __post_init__(self) -> None:
        self.connection = Connection(self.port)

    async def get(self, name: str, path: str) -> Answer:
        return await self._timed(name, "GET", path, b"")

    async def save_form(self, name: str, path: str, field_name: str, value: str, button: str = "") -> None:
        """GET the form, change one field, POST it back; the POST is what ``name`` times."""
        try:
            page = await self.connection.request("GET", path, self.cookies)
            self.cookies.update(page.cookies)
            if page.status != 200:
                raise LoadError(f"GET {path} (the form) answered {page.status}")
            fields = form_with(page.body.decode(), field_name)
        except LoadError as error:
            self.tally.fail(name, str(error))
            raise
        fields[field_name] = value
        if button:
            fields[button] = ""
        answer = await self._timed(name, "POST", path, urlencode(fields).encode())
        if answer.status not in (302, 303):  # a saved form redirects; 200/400 means it was refused
            why = f"POST {path} answered {answer.status}{refusal(answer)}"
            self.tally.fail(name, why)
            raise LoadError(why)

    async def post_again(
        self, name: str, path: str, field_name: str, value: str, button: str, kept: dict[str, str]
    ) -> None:
        """POST the form read once before (``kept``, filled on the first call), with ``field_name``
        changed, a fresh one-time token and the version the last save made: the POST alone, as a
        person who edits and saves again without reloading would send it. Only the POST is timed."""
        if not kept:
            page = await self.connection.request("GET", path, self.cookies)
            self.cookies.update(page.cookies)
            if page.status != 200:
                self.tally.fail(name, f"GET {path} (the form) answered {page.status}")
                raise LoadError(f"GET {path} answered {page.status}")
            kept.update(form_with(page.body.decode(), field_name))
        fields = {**kept, field_name: value, "submission_token": secrets.token_hex(16)}
        if button:
            fields[button] = ""
        answer = await self._timed(name, "POST", path, urlencode(fields).encode())
        if answer.status not in (302, 303):
            why = f"POST {path} answered {answer.status}{refusal(answer)}"
            self.tally.fail(name, why)
            raise LoadError(why)
        if kept.get("version", "").isdigit():  # each save raises the record's version by one
            kept["version"] = str(int(kept["version"]) + 1)

    async def _timed(self, name: str, method: str, path: str, body: bytes) -> Answer:
        begun = time.perf_counter()
        try:
            answer = await self.connection.request(method, path, self.cookies, body)
        except LoadError as error:
            self.tally.fail(name, str(error))
            raise
        self.tally.add(name, (time.perf_counter() - begun) * 1000)
        self.cookies.update(answer.cookies)
        if method == "GET" and answer.status != 200:
            why = f"GET {path} answered {answer.status}"
            if answer.status in (301, 302, 303):
                why += f" (to {answer.location})"
            self.tally.fail(name, why)
            raise LoadError(why)
        return answer


def refusal(answer: Answer) -> str:
    """Why a form was refused, from the page (its first form error), to tell a stale save from a fault."""
    found = re.search(rb'class="[^"]*(?:error-summary|errorlist)[^"]*"[^>]*>(.*?)</', answer.body, re.S)
    if not found:
        return ""
    text = re.sub(r"<[^>]+>|\s+", " ", found[1].decode("utf-8", "replace")).strip()
    return f": {text[:120]}" if text else ""


Step = Callable[[User], Awaitable[None]]


async def _run(user: User, step: Step) -> None:
    with contextlib.suppress(LoadError):  # the step has counted it, with its cause
        await step(user)


async def saturate(port: int, clients: list[tuple[dict[str, str], Step]], seconds: float) -> Tally:
    """Each client (its cookies, its step) repeating its step without pause for ``seconds``."""
    tally = Tally()
    deadline = time.monotonic() + seconds

    async def loop(user: User, step: Step) -> None:
        while time.monotonic() < deadline:
            await _run(user, step)
        tally.reopened += user.connection.reopened
        await user.connection.close()

    await asyncio.gather(*(loop(User(dict(cookies), port, tally), step) for cookies, step in clients))
    return tally


async def simulate(
    port: int,
    people: list[tuple[dict[str, str], Step]],
    think: float,
    seconds: float,
    seed: int,
    arrival: float | None = None,
) -> Tally:
    """Each person arrives within ``arrival`` s (one think time by default), runs their step, thinks
    (0.5–1.5 × ``think`` s), and so on, until ``seconds`` pass."""
    tally = Tally()
    rng = random.Random(seed)
    deadline = time.monotonic() + seconds

    async def life(user: User, step: Step, first_pause: float) -> None:
        await asyncio.sleep(first_pause)  # people arrive spread over ``arrival``
        while time.monotonic() < deadline:
            await _run(user, step)
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
        tally.reopened += user.connection.reopened
        await user.connection.close()

    await asyncio.gather(
        *(life(User(dict(c), port, tally), step, rng.uniform(0, arrival or think)) for c, step in people)
    )
    return tally
