"""The participation app's part of a person's data (UU PDP 27/2022): export and erasure.

Registered with ``kotacerdas.web.personal_data`` in ParticipationConfig.ready(). Erasure replaces the
author's name by the pseudonym in ideas, comments and their audit snapshots; supports stay (counts are
kept), consents and the citizen profile stay as the record of what was agreed.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kotacerdas.audit.models import AuditEntry
from kotacerdas.participation.models import Citizen, Comment, Idea, Support

IDEA_FIELDS = ("id", "kind", "title", "text", "dimension", "element", "kecamatan", "state", "outcome")


def _when(value: Any) -> str | None:
    return value.isoformat() if value else None


def export(user: Any) -> dict[str, Any]:
    citizen = Citizen.objects.filter(user=user).first()
    ideas = Idea.objects.filter(author=user).select_related("consultation")
    return {
        "citizen": {"verified_at": _when(citizen.verified_at)} if citizen else None,
        "ideas": [
            {
                **{name: getattr(i, name) for name in IDEA_FIELDS},
                "consultation": i.consultation.title,
                "author_name": i.author_name,
                "created_at": _when(i.created_at),
            }
            for i in ideas
        ],
        "comments": [
            {
                "id": c.pk,
                "idea": c.idea_id,
                "text": c.text,
                "state": c.state,
                "created_at": _when(c.created_at),
            }
            for c in Comment.objects.filter(author=user)
        ],
        "supports": [
            {"idea": s.idea_id, "created_at": _when(s.created_at)} for s in Support.objects.filter(user=user)
        ],
    }


def _scrub(value: Any, name: str, pseudonym: str) -> Any:
    """A JSON snapshot with every occurrence of the name replaced."""
    if isinstance(value, str):
        return value.replace(name, pseudonym)
    if isinstance(value, dict):
        return {key: _scrub(item, name, pseudonym) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, name, pseudonym) for item in value]
    return value


def erase(user: Any, pseudonym: str) -> int:
    ideas = Idea.objects.filter(author=user)
    comments = Comment.objects.filter(author=user)
    names = {
        name
        for name in [
            *ideas.values_list("author_name", flat=True),
            *comments.values_list("author_name", flat=True),
            str(user),
        ]
        if name and name != pseudonym
    }
    targets = Q(
        object_type="participation.idea", object_id__in=[str(pk) for pk in ideas.values_list("pk", flat=True)]
    ) | Q(
        object_type="participation.comment",
        object_id__in=[str(pk) for pk in comments.values_list("pk", flat=True)],
    )
    changed = ideas.update(author_name=pseudonym) + comments.update(author_name=pseudonym)
    for entry in AuditEntry.objects.filter(targets | Q(actor=user, action__startswith="participation.")):
        before, after, actor_name = entry.before, entry.after, entry.actor_name
        for name in names:
            before, after = _scrub(before, name, pseudonym), _scrub(after, name, pseudonym)
            actor_name = actor_name.replace(name, pseudonym)
        if (before, after, actor_name) != (entry.before, entry.after, entry.actor_name):
            entry.before, entry.after, entry.actor_name = before, after, actor_name
            entry.save(update_fields=["before", "after", "actor_name"])
            changed += 1
    return changed
