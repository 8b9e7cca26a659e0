"""Near-duplicate suggestions: existing public ideas of a consultation that read like a new one.

Shown before posting, so a citizen can support an existing idea rather than post it again. Plain
difflib on lower-cased words: good enough for a few hundred ideas per consultation, and the same on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from kotacerdas.participation.models import Consultation, Idea

THRESHOLD = 0.6
LIMIT = 5


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def score(a_title: str, a_text: str, b_title: str, b_text: str) -> float:
    """The best of the titles' and the whole texts' similarity (0–1)."""
    titles = SequenceMatcher(None, _words(a_title), _words(b_title)).ratio()
    texts = SequenceMatcher(None, _words(f"{a_title} {a_text}"), _words(f"{b_title} {b_text}")).ratio()
    return max(titles, texts)


def similar_ideas(consultation: Consultation, title: str, text: str) -> list[Idea]:
    candidates = consultation.ideas.filter(state=Idea.State.PUBLISHED).only("pk", "title", "text")
    scored = [(score(title, text, idea.title, idea.text), idea) for idea in candidates]
    return [idea for value, idea in sorted(scored, key=lambda s: -s[0]) if value >= THRESHOLD][:LIMIT]
