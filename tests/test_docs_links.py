"""Every relative link and image in the README and docs/ points at a file that exists.

A newcomer follows these links from the README into the tutorials; a renamed file or a moved
screenshot would leave them at a 404 on the forge, and nothing else would notice. Links to a
heading of another Markdown page (``page.md#heading``) must name a heading that page has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(
    [ROOT / "README.md", *(ROOT / "docs").rglob("*.md"), *(ROOT / "bench").glob("*.md")],
)

FENCE = re.compile(r"^```.*?^```", re.M | re.S)
CODE = re.compile(r"`[^`\n]*`")
INLINE = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
HTML = re.compile(r"<(?:img|a)\b[^>]*\b(?:src|href)=\"([^\"]+)\"", re.I)
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)  # http:, https:, mailto:
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)


def targets(text: str) -> list[str]:
    """The link and image targets of a Markdown page, leaving out code, where a link is an example."""
    prose = CODE.sub("", FENCE.sub("", text))
    return [m.group(1) for pattern in (INLINE, REFERENCE, HTML) for m in pattern.finditer(prose)]


def anchors(page: Path) -> set[str]:
    """The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens."""
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    return {
        re.sub(r"[^\w\- ]", "", re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", h).lower()).replace(" ", "-")
        for h in HEADING.findall(text)
    }


def resolves(page: Path, target: str) -> bool:
    path, _, fragment = target.partition("#")
    resolved = (page.parent / path).resolve()
    if not resolved.exists():
        return False
    return not fragment or resolved.suffix != ".md" or fragment in anchors(resolved)


def broken_links(page: Path) -> list[str]:
    """The page's relative links whose file (or heading) is not there; web addresses and links within
    the page are left out."""
    return [
        target
        for target in targets(page.read_text(encoding="utf-8"))
        if not (EXTERNAL.match(target) or target.startswith("#") or resolves(page, target))
    ]


def test_the_docs_are_found() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in PAGES}
    assert {"README.md", "docs/tutorial/first-login.md", "docs/tutorial/a-year-of-the-masterplan.md"} <= names


def test_links_are_found_and_code_is_left_out() -> None:
    text = (
        "See [a](one.md) and ![shot](img/a.png), [b](two.md#part) [c](https://x.org) [d]: ref.md\n"
        '[e]: three.md\n`[f](not-a-link.md)`\n```\n[g](fenced.md)\n```\n<img src="four.png">\n'
    )
    assert sorted(targets(text)) == sorted(
        ["one.md", "img/a.png", "two.md#part", "https://x.org", "three.md", "four.png"]
    )


def test_a_missing_file_or_heading_is_reported(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text("# Other page\n\n## 4. Publish\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "[ok](other.md#4-publish) [no heading](other.md#nowhere) [gone](gone.md#part) ![img](shot.png)\n",
        encoding="utf-8",
    )
    assert broken_links(page) == ["other.md#nowhere", "gone.md#part", "shot.png"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(page: Path) -> None:
    assert broken_links(page) == []
