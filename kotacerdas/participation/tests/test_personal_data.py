"""The participation source of the UU PDP registry: export as JSON, erasure to "Warga #id"."""

from __future__ import annotations

import json

from kotacerdas.accounts.erasure import export_person
from kotacerdas.audit.models import AuditEntry
from kotacerdas.participation.actions.posting import do_comment, do_support
from kotacerdas.participation.conftest import post_idea
from kotacerdas.participation.models import Comment, Idea, Support
from kotacerdas.web import personal_data


def _source() -> personal_data.PersonalDataSource:
    return next(s for s in personal_data.sources() if s.name == "participation")


def test_export_holds_ideas_comments_supports_and_consents(warga, warga2, idea) -> None:
    do_comment(warga, idea, text="Tambahan: dekat sekolah.")
    other = idea.__class__.objects.get(pk=idea.pk)
    do_support(warga2, other)
    exported = json.loads(json.dumps(_source().export(warga)))
    assert [i["title"] for i in exported["ideas"]] == [idea.title]
    assert [c["text"] for c in exported["comments"]] == ["Tambahan: dekat sekolah."]
    everything = export_person(warga, warga)["sources"]  # the consent is the accounts' one record
    assert [c["purpose"] for c in everything["accounts"]["accounts.Consent"]] == ["participation"]
    assert exported["supports"] == []
    assert [s["idea"] for s in _source().export(warga2)["supports"]] == [idea.pk]


def test_erasure_pseudonymises_and_keeps_the_counts(warga, warga2, idea) -> None:
    do_comment(warga, idea, text="Tambahan: dekat sekolah.")
    do_support(warga2, idea)
    theirs = post_idea(warga2, idea.consultation, title="Trotoar rusak di Tingkir")
    do_support(warga, theirs)  # (not their own idea: that is refused)
    pseudonym = personal_data.pseudonym_for(warga)
    changed = _source().erase(warga, pseudonym)
    assert changed >= 2
    assert Idea.objects.get(pk=idea.pk).author_name == pseudonym == f"Warga #{warga.pk}"
    assert set(Comment.objects.values_list("author_name", flat=True)) == {pseudonym}
    assert Support.objects.count() == 2 and Support.objects.filter(user=warga).count() == 1
    snapshots = str(
        list(
            AuditEntry.objects.filter(object_type__startswith="participation.").values(
                "before", "after", "actor_name"
            )
        )
    )
    assert "Andi Warga" not in snapshots
