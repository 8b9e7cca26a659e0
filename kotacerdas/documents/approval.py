"""The blocking checks before a book version is approved, each with a sentence and a link to fix it.

A version is blocked while the plan of record it prints breaks the pagu (total or per source), the
order of the initiatives or the period (core ``check_plan_of_record``), while no plan is adopted, and
while a text or a part of the record still shows a placeholder. The mentor may approve anyway with a
written reason (``do_approve(..., exception_reason=...)``), kept in the version's history.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.core.books.data import PLAN_NOT_ADOPTED
from kotacerdas.core.books.placeholders import text_label
from kotacerdas.core.formatting import rupiah
from kotacerdas.core.masterplan_checks import Finding, check_plan_of_record
from kotacerdas.documents.generate import outline_for, unfilled_placeholders
from kotacerdas.documents.models import BookVersion
from kotacerdas.regions.models import Region

PLANNING_APP = "kotacerdas.planning"


@dataclass(frozen=True)
class Blocker:
    message: str
    url: str


def approval_blockers(version: BookVersion) -> list[Blocker]:
    region = version.region
    return [*_plan_blockers(region), *_placeholder_blockers(version)]


def _plan_blockers(region: Region) -> list[Blocker]:
    if not apps.is_installed(PLANNING_APP):
        return []
    from kotacerdas.planning.models import Initiative
    from kotacerdas.planning.roadmap.plan import plan_of_record

    roadmap = reverse("planning:roadmap", args=[region.code])
    plan = plan_of_record(region)
    if plan is None:
        return [Blocker(_("No schedule is adopted as the plan of record yet."), roadmap)]
    pks = dict(Initiative.objects.filter(region=region).values_list("code", "pk"))
    blockers = []
    for finding in check_plan_of_record(plan):
        pk = pks.get(finding.code)
        url = reverse("planning:initiative_edit", args=[region.code, pk]) if pk else roadmap
        blockers.append(Blocker(_finding_message(finding), url))
    return blockers


def _finding_message(finding: Finding) -> str:
    v = dict(finding.values)
    for key in ("planned", "ceiling"):
        if key in v:
            v[key] = rupiah(int(str(v[key])))
    v["code"] = finding.code
    messages = {
        "ceiling_exceeded": _("The plan spends %(planned)s in %(year)s, over the pagu of %(ceiling)s."),
        "source_ceiling_exceeded": _(
            "The plan spends %(planned)s of %(source)s in %(year)s, over its pagu of %(ceiling)s."
        ),
        "predecessor_not_finished": _(
            "%(code)s starts in %(start)s, before its predecessor %(predecessor)s finishes (%(finish)s)."
        ),
        "predecessor_not_scheduled": _("%(code)s needs %(predecessor)s, which the plan does not schedule."),
        "start_before_period": _("%(code)s starts in %(start)s, before the masterplan period (%(first)s)."),
        "end_after_period": _("%(code)s runs until %(end)s, past the masterplan period (%(last)s)."),
    }
    return messages[finding.kind] % v


def _placeholder_blockers(version: BookVersion) -> list[Blocker]:
    """One line per unwritten text (linking to the texts page), then the record's gaps the books show.

    ``version.missing`` holds the sentence of every gap, texts included: those are said once, by the
    text lines, and a missing plan once, by the plan check above."""
    region = version.region
    texts_url = reverse("documents:texts", args=[region.code])
    written = {k for k, v in (version.data.get("texts") or {}).items() if str(v).strip()}
    blockers = [
        Blocker(_text_message(section), texts_url)
        for key, section in _text_sections(version).items()
        if key not in written
    ]
    said = _said_elsewhere(version)
    record_url = _record_url(region)
    # the sentence is already whole ("Data “matriks SWOT” belum diisi (…); isi di Masterplan › SWOT.")
    blockers += [Blocker(sentence, record_url) for sentence in version.missing or [] if sentence not in said]
    return blockers


def _said_elsewhere(version: BookVersion) -> set[str]:
    """The sentences of ``version.missing`` another line already says: unwritten texts, a missing plan."""
    if not version.missing:
        return set()
    return {
        p.sentence for p in unfilled_placeholders(version) if p.kind == "text" or p.key == PLAN_NOT_ADOPTED
    }


@dataclass(frozen=True)
class TextSection:
    name: str  # the section's title, or the text's name in the texts form when the section has none
    chapter: str = ""  # the chapter's title; empty for the foreword


def _text_message(section: TextSection) -> str:
    if not section.chapter:
        return _("The text “%(title)s” is still a placeholder.") % {"title": section.name}
    return _("The text “%(title)s” (chapter %(chapter)s) is still a placeholder.") % {
        "title": section.name,
        "chapter": section.chapter,
    }


def _text_sections(version: BookVersion) -> dict[str, TextSection]:
    """The free-text sections of the version's books, once per text: key → its name and chapter.

    A text that is a chapter's whole content (Ringkasan, Penutup) has no section title: it is named
    as the texts form names it, beside its chapter."""
    chosen = set((version.recipe or {}).get("books") or [])
    sections: dict[str, TextSection] = {}
    for book in outline_for(version.programme_year).books:
        if chosen and book.key not in chosen:
            continue
        if book.foreword:
            sections.setdefault(book.foreword, TextSection(_("Foreword")))
        for chapter in book.chapters + book.appendices:
            for section in chapter.sections:
                if section.text:
                    name = section.title or text_label(section.text)
                    sections.setdefault(section.text, TextSection(name, chapter.title))
    return sections


def _record_url(region: Region) -> str:
    if apps.is_installed(PLANNING_APP):
        return reverse("planning:overview", args=[region.code])
    return reverse("documents:index", args=[region.code])
