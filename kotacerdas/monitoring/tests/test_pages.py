"""The monitoring pages: OPD scoping, 400s in Indonesian, the review flow and the locked period."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from conftest import forget_inbox_badge, logged_in
from kotacerdas.monitoring.actions.periods import do_lock_period
from kotacerdas.monitoring.actions.reports import (
    do_review_report,
    do_save_initiative_report,
    do_save_kpi_report,
)
from kotacerdas.monitoring.models import KpiReport

pytestmark = pytest.mark.django_db


def kpi_url(world, kpi) -> str:
    return reverse("monitoring:kpi_report", args=["33.73", world.period.pk, kpi.pk])


def test_sari_gets_404_for_another_opds_kpi_and_sees_her_own(world, as_sari) -> None:
    assert as_sari.get(kpi_url(world, world.poverty)).status_code == 404
    page = as_sari.get(kpi_url(world, world.visits))
    assert page.status_code == 200 and "Kunjungan telemedis" in page.text


def test_text_in_a_numeric_kpi_is_a_400_in_indonesian_and_nothing_is_saved(world, as_sari) -> None:
    answer = as_sari.post(kpi_url(world, world.visits), {"value": "banyak", "submit": "1"})
    assert answer.status_code == 400
    assert "Masukkan angka, bukan teks." in answer.text
    assert not KpiReport.objects.exists()


def test_sari_submits_budi_returns_with_reason_then_approves_and_the_page_shows_it(
    world, as_sari, as_budi
) -> None:
    evidence = SimpleUploadedFile("rekap.pdf", b"%PDF-1.4 rekap", content_type="application/pdf")
    answer = as_sari.post(
        kpi_url(world, world.visits), {"value": "4.350", "evidence_file": evidence, "submit": "1"}
    )
    assert answer.status_code == 302
    report = KpiReport.objects.get()
    assert report.status == "submitted"
    review = reverse("monitoring:review_kpi", args=["33.73", report.pk])
    assert as_sari.post(review, {"decision": "approved"}).status_code == 403
    assert as_budi.post(review, {"decision": "returned"}).status_code == 400
    assert as_budi.post(review, {"decision": "returned", "reason": "Rekap kurang"}).status_code == 302
    assert as_sari.post(kpi_url(world, world.visits), {"value": "4350", "submit": "1"}).status_code == 302
    assert as_budi.post(review, {"decision": "approved"}).status_code == 302
    page = as_budi.get(reverse("monitoring:region", args=["33.73"]))
    assert page.status_code == 200
    assert f'data-testid="actual-{world.visits.pk}-2027">4.350<' in page.text


def test_a_locked_period_refuses_the_page_the_import_and_the_admin(world, sari, as_sari, ayu) -> None:
    report = do_save_kpi_report(sari, world.period, world.coverage, numerator="1", denominator="2")
    do_lock_period(ayu, world.period)
    page = as_sari.post(kpi_url(world, world.coverage), {"numerator": "3", "denominator": "4"})
    assert page.status_code == 400 and "terkunci" in page.text
    sheet = as_sari.get(reverse("monitoring:sheet", args=["33.73", world.period.pk])).content
    upload = SimpleUploadedFile("s.xlsx", sheet)
    imported = as_sari.post(
        reverse("monitoring:sheet_import", args=["33.73", world.period.pk]), {"file": upload}
    )
    assert imported.status_code == 400 and "terkunci" in imported.text
    ayu.is_staff = True
    ayu.save()
    ayu.user_permissions.set(Permission.objects.filter(content_type__app_label="monitoring"))
    admin = logged_in(ayu)
    url = reverse("admin:monitoring_kpireport_change", args=[report.pk])
    changed = admin.post(
        url,
        {
            "period": world.period.pk,
            "kpi": world.coverage.pk,
            "status": "draft",
            "value": "99",
            "reported_by": sari.pk,
            "narrative": "",
        },
    )
    assert changed.status_code == 200 and "terkunci" in changed.text
    assert (
        admin.post(
            reverse("admin:monitoring_kpireport_delete", args=[report.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    report.refresh_from_db()
    assert report.value == 50


def test_the_national_view_and_its_xlsx_show_the_same_rows(world, as_ayu, as_budi) -> None:
    page = as_ayu.get(reverse("monitoring:national"))
    assert page.status_code == 200 and "Kota Salatiga" in page.text
    book = load_workbook(BytesIO(as_ayu.get(reverse("monitoring:national_xlsx")).content))
    rows = list(book.active.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["Kota Salatiga"]
    assert as_budi.get(reverse("monitoring:national")).status_code == 404


def test_the_monitoring_page_reads_a_fixed_number_of_queries(world, budi, sari, as_budi, dinkes_a) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kotacerdas.monitoring.actions.reports import do_review_report, do_save_initiative_report
    from kotacerdas.monitoring.tests.journey import initiative

    url = reverse("monitoring:region", args=["33.73"])

    def count() -> int:
        forget_inbox_badge(as_budi)  # a first view of the minute: the navigation counts the inbox
        with CaptureQueriesContext(connection) as queries:
            assert as_budi.get(url).status_code == 200
        return len(queries)

    before = count()
    for n in range(4):
        item = initiative(budi, world.period.region, f"X-{n}", dinkes_a, "living", {})
        report = do_save_initiative_report(sari, world.period, item, implementation="running", submit=True)
        do_review_report(budi, report, decision="approved")
    assert count() == before


def test_the_region_page_has_a_monitoring_card_with_completeness(world, sari, as_budi) -> None:
    do_save_kpi_report(sari, world.period, world.coverage, numerator="1", denominator="2", submit=True)
    page = as_budi.get(reverse("regions:workspace", args=["33.73"]))
    assert page.status_code == 200
    assert 'data-testid="region-monitoring-completeness">1 / 5' in page.text


def test_the_region_pages_monitoring_card_follows_each_report_while_its_other_cards_are_kept(
    world, sari, as_budi
) -> None:
    """Reports are frequent records (kotacerdas/audit/models.py): they renew the monitoring card only."""
    from django.test.utils import override_settings

    from kotacerdas.planning.models import Masterplan

    url = reverse("regions:workspace", args=["33.73"])
    assert 'region-monitoring-completeness">0 / 5' in as_budi.get(url).text
    Masterplan.objects.filter(region=world.period.region).update(vision="Tanpa aksi")  # not audited
    do_save_kpi_report(sari, world.period, world.coverage, numerator="1", denominator="2", submit=True)
    with override_settings(REGION_SECTIONS_VERIFY_CACHE=False):
        page = as_budi.get(url).text
    assert 'region-monitoring-completeness">1 / 5' in page
    assert 'id="section-masterplan"' in page and "Periode 2026" in page
    assert "Tanpa aksi" not in page  # the masterplan card was kept: the report did not renew it


def test_the_monitoring_pages_body_is_kept_until_a_report_or_an_audited_change(world, sari, as_budi) -> None:
    """The body is a kept fragment (kotacerdas/web/region_cache.py): a write outside the actions does not
    show, a report's move (here: submitted) renews it."""
    from django.test.utils import override_settings

    from kotacerdas.planning.models import Initiative

    url = reverse("monitoring:region", args=["33.73"])
    assert world.telemed.name in as_budi.get(url).text
    Initiative.objects.filter(pk=world.telemed.pk).update(name="Nama tanpa aksi")  # no audit entry
    with override_settings(REGION_SECTIONS_VERIFY_CACHE=False):
        assert "Nama tanpa aksi" not in as_budi.get(url).text  # the kept body
        do_save_kpi_report(sari, world.period, world.coverage, numerator="1", denominator="2", submit=True)
        assert "Nama tanpa aksi" in as_budi.get(url).text  # renewed by the report


def test_a_draft_saved_again_renews_neither_the_monitoring_body_nor_the_card(world, sari, as_budi) -> None:
    """They show only submitted and approved reports: a draft save (a reporting day's most frequent
    write) must not make every view after it build them again; the move that follows does."""
    from django.test.utils import override_settings

    from kotacerdas.planning.models import Initiative

    body_url = reverse("monitoring:region", args=["33.73"])
    region_url = reverse("regions:workspace", args=["33.73"])
    as_budi.get(body_url), as_budi.get(region_url)
    Initiative.objects.filter(pk=world.telemed.pk).update(name="Nama tanpa aksi")  # no audit entry
    with override_settings(REGION_SECTIONS_VERIFY_CACHE=False):
        do_save_kpi_report(sari, world.period, world.coverage, numerator="1", denominator="2")
        assert "Nama tanpa aksi" not in as_budi.get(body_url).text  # still the kept body
        assert 'region-monitoring-completeness">0 / 5' in as_budi.get(region_url).text
        report = KpiReport.objects.get(kpi=world.coverage, period=world.period)
        do_save_kpi_report(sari, world.period, world.coverage, numerator="1", denominator="2", submit=True)
        assert report.transitions.count() == 1
        assert "Nama tanpa aksi" in as_budi.get(body_url).text
        assert 'region-monitoring-completeness">1 / 5' in as_budi.get(region_url).text


def test_a_kpi_report_saved_keeps_the_navigations_inbox_count(world, as_sari) -> None:
    """The monitoring sources move only with a report's status (InboxSource.moved_by): a draft saved
    again counts nothing, so neither the save nor the page after it counts the inbox or rewrites the
    session; a submission counts it again in its own response."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kotacerdas.web.inbox_badge import BADGE_SESSION_KEY

    assert as_sari.get(reverse("regions:catalogue")).status_code == 200
    kept = as_sari.session[BADGE_SESSION_KEY]
    assert as_sari.post(kpi_url(world, world.visits), {"value": "12"}).status_code == 302
    with CaptureQueriesContext(connection) as saved:
        assert as_sari.post(kpi_url(world, world.visits), {"value": "13"}).status_code == 302
    assert KpiReport.objects.get(kpi=world.visits).value == 13
    assert as_sari.session[BADGE_SESSION_KEY] == kept
    assert not counted(saved)
    submitted = {"value": "14", "evidence_link": "https://contoh.go.id/rekap", "submit": "1"}
    with CaptureQueriesContext(connection) as sent:
        assert as_sari.post(kpi_url(world, world.visits), submitted).status_code == 302
    assert counted(sent)  # a status change: her inbox is counted again in the same response


def counted(captured) -> bool:  # type: ignore[no-untyped-def]
    """Whether the inbox was counted (its count reads the reporting periods)."""
    return any("COUNT(" in q["sql"] and "monitoring_period" in q["sql"] for q in captured.captured_queries)


def test_the_monitoring_page_names_dimensions_and_statuses(world, sari, budi, as_budi) -> None:
    telemed = world.telemed
    report = do_save_initiative_report(sari, world.period, telemed, implementation="running", submit=True)
    do_review_report(budi, report, decision="approved")
    page = as_budi.get(reverse("monitoring:region", args=["33.73"])).text
    dimensions = page.split('id="dimensions"', 1)[1].split("</table>", 1)[0]
    assert "<td>Smart Living</td>" in dimensions and "<td>living</td>" not in dimensions
    initiatives = page.split('id="initiatives"', 1)[1].split("</table>", 1)[0]
    assert "<td>berjalan</td>" in initiatives and "<td>running</td>" not in initiatives


def test_the_period_page_shows_each_kpis_target_for_its_year_as_the_monitoring_page_does(
    world, as_sari, as_budi
) -> None:
    period = as_sari.get(reverse("monitoring:period", args=["33.73", world.period.pk])).content.decode()
    assert f'data-testid="kpi-target-{world.visits.pk}">5.000 kunjungan<' in period
    overview = as_budi.get(reverse("monitoring:region", args=["33.73"])).content.decode()
    assert f'5.000 / <strong data-testid="actual-{world.visits.pk}-2027">' in overview
    shown = 'data-testid="kpi-target">5.000 kunjungan<'
    assert shown in as_sari.get(kpi_url(world, world.visits)).content.decode()  # Sari's report form
    evidence = {"evidence_label": "Rekap", "evidence_link": "https://salatiga.example.go.id/rekap"}
    assert (
        as_sari.post(kpi_url(world, world.visits), {"value": "4200", **evidence, "submit": "1"}).status_code
        == 302
    )
    review = reverse("monitoring:review_kpi", args=["33.73", KpiReport.objects.get().pk])
    assert shown in as_budi.get(review).content.decode()  # Budi's review of it


def test_a_region_without_initiatives_says_so_in_the_initiatives_table(dewi) -> None:
    page = logged_in(dewi).get(reverse("monitoring:region", args=["34.04"])).text
    table = page.split('<table id="initiatives">', 1)[1].split("</table>", 1)[0]
    assert "Belum ada inisiatif" in table
    assert f'href="{reverse("planning:initiatives", args=["34.04"])}"' in table


def test_a_percentage_kpi_is_written_with_its_sign_against_the_number(world, as_sari, as_budi) -> None:
    """80% as every share on the pages (the percent filter, the portal), never 80 %; other units keep
    their space (5.000 kunjungan)."""
    period = as_sari.get(reverse("monitoring:period", args=["33.73", world.period.pk])).content.decode()
    assert f'data-testid="kpi-target-{world.coverage.pk}">80%<' in period
    assert f'data-testid="kpi-target-{world.visits.pk}">5.000 kunjungan<' in period
    assert 'data-testid="kpi-target">80%<' in as_sari.get(kpi_url(world, world.coverage)).content.decode()


def test_a_region_without_kpis_says_where_they_come_from_across_the_whole_table(dewi) -> None:
    page = logged_in(dewi).get(reverse("monitoring:region", args=["34.04"])).text
    table = page.split('<table id="kpis">', 1)[1].split("</table>", 1)[0]
    columns = table.split("</thead>", 1)[0].count("<th ")
    assert f'<td colspan="{columns}">Belum ada IKU: setiap inisiatif masterplan menetapkan IKU' in table


def test_evidence_without_a_label_is_named_in_the_readers_language(world, as_sari) -> None:
    """Sari gives a link without a label in Indonesian; a reader in English sees 'Evidence', not 'Bukti'."""
    evidence = {"evidence_link": "https://salatiga.example.go.id/rekap", "submit": "1"}
    assert as_sari.post(kpi_url(world, world.visits), {"value": "4200", **evidence}).status_code == 302
    link = '<a href="https://salatiga.example.go.id/rekap" rel="noopener noreferrer">'
    assert f"{link}Bukti</a>" in as_sari.get(kpi_url(world, world.visits)).text
    as_sari.cookies["django_language"] = "en"
    page = as_sari.get(kpi_url(world, world.visits)).text
    assert f"{link}Evidence</a>" in page and "Bukti" not in page
