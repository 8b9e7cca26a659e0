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
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode

LOOPBACK = "127.0.0.1"
TIMEOUT = 30.0  # seconds for one request: slower counts as an error


class LoadError(Exception):
    """A request failed (connection, timeout or an unexpected status)."""


@dataclass
class Answer:
    status: int
    body: bytes
    cookies: dict[str, str]


class Connection:
    """One keep-alive connection to 127.0.0.1:port, reopened when the server closes it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, cookies: dict[str, str], body: bytes = b"") -> Answer:
        for attempt in (1, 2):  # a keep-alive connection the server closed is reopened once
            try:
                return await asyncio.wait_for(self._exchange(method, path, cookies, body), TIMEOUT)
            except (ConnectionError, asyncio.IncompleteReadError) as error:
                await self.close()
                if attempt == 2:
                    raise LoadError(f"{method} {path}: {type(error).__name__}") from error
            except TimeoutError as error:
                await self.close()
                raise LoadError(f"{method} {path}: no answer within {TIMEOUT:.0f} s") from error
        raise AssertionError("unreachable")

    async def _exchange(self, method: str, path: str, cookies: dict[str, str], body: bytes) -> Answer:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(LOOPBACK, self.port)
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
        if not status_line:
            raise ConnectionResetError("closed")
        status = int(status_line.split()[1])
        headers: list[tuple[str, str]] = []
        while (line := await self.reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            headers.append((name.strip().lower(), value.strip()))
        data = await self._body(dict(headers))
        if dict(headers).get("connection", "").lower() == "close":
            await self.close()
        set_cookies = {}
        for name, value in headers:
            if name == "set-cookie":
                key, _, rest = value.partition("=")
                set_cookies[key] = rest.split(";", 1)[0]
        return Answer(status, data, set_cookies)

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
    """Latencies (ms) and errors per step name."""

    times: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, ms: float) -> None:
        self.times.setdefault(name, []).append(ms)

    def fail(self, name: str, why: str) -> None:
        self.errors.setdefault(name, []).append(why)

    def summary(self, name: str) -> tuple[int, float, float, int]:
        """(count, p50 ms, p95 ms, errors)."""
        times = sorted(self.times.get(name, []))
        if not times:
            return 0, float("nan"), float("nan"), len(self.errors.get(name, []))
        p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]
        return len(times), statistics.median(times), p95, len(self.errors.get(name, []))


@dataclass
class User:
    """One simulated person: their session cookie and their connection."""

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
        page = await self.connection.request("GET", path, self.cookies)
        self.cookies.update(page.cookies)
        fields = form_with(page.body.decode(), field_name)
        fields[field_name] = value
        if button:
            fields[button] = ""
        answer = await self._timed(name, "POST", path, urlencode(fields).encode())
        if answer.status not in (302, 303):  # a saved form redirects; 200/400 means it was refused
            self.tally.fail(name, f"POST {path} answered {answer.status}")
            raise LoadError(f"POST {path} answered {answer.status}")

    async def _timed(self, name: str, method: str, path: str, body: bytes) -> Answer:
        begun = time.perf_counter()
        answer = await self.connection.request(method, path, self.cookies, body)
        self.tally.add(name, (time.perf_counter() - begun) * 1000)
        self.cookies.update(answer.cookies)
        if method == "GET" and answer.status != 200:
            self.tally.fail(name, f"GET {path} answered {answer.status}")
            raise LoadError(f"GET {path} answered {answer.status}")
        return answer


Step = Callable[[User], Awaitable[None]]


async def saturate(port: int, cookies: dict[str, str], step: Step, connections: int, seconds: float) -> Tally:
    """``connections`` users repeating ``step`` without pause for ``seconds``."""
    tally = Tally()
    deadline = time.monotonic() + seconds

    async def loop(user: User) -> None:
        while time.monotonic() < deadline:
            try:
                await step(user)
            except LoadError as error:
                tally.fail("failed", str(error))
        await user.connection.close()

    await asyncio.gather(*(loop(User(dict(cookies), port, tally)) for _ in range(connections)))
    return tally


async def simulate(
    port: int, people: list[tuple[dict[str, str], Step]], think: float, seconds: float, seed: int
) -> Tally:
    """Each person thinks (0.5–1.5 × ``think`` s), runs their step, and so on, until ``seconds`` pass."""
    tally = Tally()
    rng = random.Random(seed)
    deadline = time.monotonic() + seconds

    async def life(user: User, step: Step, first_pause: float) -> None:
        await asyncio.sleep(first_pause)  # people arrive spread over one think time
        while time.monotonic() < deadline:
            try:
                await step(user)
            except LoadError as error:
                tally.fail("failed", str(error))
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
        await user.connection.close()

    await asyncio.gather(
        *(life(User(dict(c), port, tally), step, rng.uniform(0, think)) for c, step in people)
    )
    return tally
