"""The region page's cards are kept against the region's change stamp (kotacerdas/web/region_sections.py).

Each test shows the card changing, or staying, on the second view of the same person: a cached card
that the stamp failed to invalidate would show the old text (the suite's re-render check is turned off
where the test reads what the cache itself served)."""

from __future__ import annotations

import pytest
from django.test.utils import override_settings

from kotacerdas.audit.log import record
from kotacerdas.audit.models import AuditEntry
from kotacerdas.planning.analysis.actions import do_save_profile
from kotacerdas.planning.models import Masterplan, RoadmapRun
from kotacerdas.web.region_cache import StaleFragmentError

pytestmark = pytest.mark.django_db
URL = "/r/33.73/"
NOT_CHECKED = override_settings(REGION_SECTIONS_VERIFY_CACHE=False)


def masterplan_card(client) -> str:  # type: ignore[no-untyped-def]
    html = client.get(URL).content.decode()
    card = html[html.index('id="section-masterplan"') :]
    return card[: card.index("</section>")]


def test_an_audited_action_changes_the_card_at_once(as_budi, budi, region_a, masterplan_a) -> None:
    with NOT_CHECKED:
        assert "Salatiga cerdas" in masterplan_card(as_budi)
        do_save_profile(budi, region_a, vision="Salatiga hijau")
        card = masterplan_card(as_budi)
    assert "Salatiga hijau" in card and "Salatiga cerdas" not in card


def test_a_write_that_leaves_no_audit_entry_is_served_stale_and_the_suites_check_catches_it(
    as_budi, region_a, masterplan_a
) -> None:
    masterplan_card(as_budi)
    Masterplan.objects.filter(region=region_a).update(vision="Ditulis tanpa aksi")  # no audit entry
    with NOT_CHECKED:
        assert "Salatiga cerdas" in masterplan_card(as_budi)  # the kept card: the cache is real
    with pytest.raises(StaleFragmentError, match="“section:masterplan” of region"):
        masterplan_card(as_budi)


def test_a_national_audit_entry_renews_every_regions_cards(ayu, as_budi, region_a, masterplan_a) -> None:
    masterplan_card(as_budi)
    Masterplan.objects.filter(region=region_a).update(vision="Diubah di tingkat nasional")
    record(ayu, "admin.masterplan.change", ayu, before=None, after=None)  # region None: national
    with NOT_CHECKED:
        assert "Diubah di tingkat nasional" in masterplan_card(as_budi)


def test_a_roadmap_run_finishing_in_the_worker_changes_the_card(
    as_budi, budi, region_a, masterplan_a
) -> None:
    run = RoadmapRun.objects.create(
        region=region_a, created_by=budi, state="running", instance={}, inputs_hash="0" * 64, time_limit=5
    )
    before = masterplan_card(as_budi)
    RoadmapRun.objects.filter(pk=run.pk).update(state="done")  # as the worker does: no audit entry
    after = masterplan_card(as_budi)  # the suite's check is on: a stale card would raise
    assert before != after and "Peta jalan dihitung pada" in after


def test_cards_are_kept_per_person(as_budi, as_sari, budi, region_a, masterplan_a) -> None:
    from kotacerdas.participation.actions.setup import do_create_consultation

    do_create_consultation(budi, region_a, title="Konsultasi taman")
    with NOT_CHECKED:
        budi_page = as_budi.get(URL).content.decode()
        sari_page = as_sari.get(URL).content.decode()
    assert 'data-testid="region-participation-held"' in budi_page  # the moderator's count
    assert 'data-testid="region-participation-held"' not in sari_page


def test_the_frequent_records_are_real_record_types_and_renew_only_their_own_card(
    as_budi, budi, region_a, masterplan_a
) -> None:
    from django.apps import apps

    from kotacerdas.audit.models import FREQUENT_RECORDS

    assert all(apps.get_model(label)._meta.label_lower == label for label in FREQUENT_RECORDS)
    masterplan_card(as_budi)
    Masterplan.objects.filter(region=region_a).update(vision="Tanpa aksi")
    AuditEntry.objects.create(  # as an answer's autosave records it
        action="assessment.answer", object_type="assessment.answer", object_id="1", region=region_a
    )
    with NOT_CHECKED:  # an answer saved does not renew the masterplan card: still the kept one
        assert "Salatiga cerdas" in masterplan_card(as_budi)


def test_a_card_that_is_the_same_for_everyone_is_built_once_for_the_whole_team(
    as_budi, as_sari, region_a, masterplan_a
) -> None:
    masterplan_card(as_budi)
    Masterplan.objects.filter(region=region_a).update(vision="Tanpa aksi")
    with NOT_CHECKED:  # Sari is served the card built for Budi (audience: everyone)
        assert "Salatiga cerdas" in masterplan_card(as_sari)


def test_another_regions_change_does_not_renew_this_regions_cards(
    as_budi, dewi, region_a, region_b, masterplan_a
) -> None:
    masterplan_card(as_budi)
    Masterplan.objects.filter(region=region_a).update(vision="Tanpa aksi")
    do_save_profile(dewi, region_b, period_start=2026, period_end=2030, vision="Semarang")  # audited, B
    with NOT_CHECKED:
        assert "Salatiga cerdas" in masterplan_card(as_budi)


def test_the_initiatives_table_is_kept_per_page_and_renewed_by_an_audited_save(
    as_budi, as_sari, budi, region_a, dinkes_a, masterplan_a
) -> None:
    from kotacerdas.planning.conftest import add_initiative
    from kotacerdas.planning.models import Initiative

    for n in range(51):  # two pages of 50
        add_initiative(budi, region_a, f"IN-{n:03}", dinkes_a, name=f"Inisiatif {n}")
    url = "/r/33.73/masterplan/inisiatif/"
    assert "IN-050" not in as_budi.get(url).text and "IN-050" in as_budi.get(url + "?page=2").text
    Initiative.objects.filter(code="IN-000").update(name="Tanpa aksi")  # no audit entry
    with NOT_CHECKED:
        assert "Tanpa aksi" not in as_sari.get(url).text  # the page kept for everyone, Sari included
        add_initiative(budi, region_a, "IN-051", dinkes_a, name="Inisiatif baru")  # audited
        assert "Tanpa aksi" in as_budi.get(url).text
        assert "IN-051" in as_budi.get(url + "?page=2").text


def _caches(shared_dir) -> dict:  # type: ignore[no-untyped-def]
    """The settings' caches, with the file cache production shares between a server's workers or not."""
    locmem = "django.core.cache.backends.locmem.LocMemCache"
    caches = {"default": {"BACKEND": locmem}, "region_sections": {"BACKEND": locmem, "LOCATION": "sections"}}
    if shared_dir is not None:
        caches["region_sections_shared"] = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(shared_dir),
        }
    return caches


@pytest.mark.parametrize("shared", [True, False], ids=["shared", "per-process"])
def test_a_card_another_worker_built_is_read_from_the_shared_cache_not_built_again(
    shared, tmp_path, as_budi, region_a, masterplan_a
) -> None:
    from django.core.cache import caches

    with override_settings(CACHES=_caches(tmp_path if shared else None)), NOT_CHECKED:
        masterplan_card(as_budi)  # this worker builds the card
        caches["region_sections"].clear()  # another worker: nothing kept in its own memory
        # A change the stamp does not see (no audit entry): a card built again would show it.
        Masterplan.objects.filter(region=region_a).update(vision="Dibangun ulang")
        card = masterplan_card(as_budi)
        assert ("Salatiga cerdas" in card) is shared and ("Dibangun ulang" in card) is not shared
        if shared:  # from then on this worker keeps its own copy too
            caches["region_sections_shared"].clear()
            assert "Salatiga cerdas" in masterplan_card(as_budi)


def test_the_shared_cache_never_serves_a_card_older_than_the_regions_stamp(
    tmp_path, as_budi, budi, region_a, masterplan_a
) -> None:
    from django.core.cache import caches

    with override_settings(CACHES=_caches(tmp_path)), NOT_CHECKED:
        masterplan_card(as_budi)
        do_save_profile(budi, region_a, vision="Salatiga hijau")
        caches["region_sections"].clear()
        card = masterplan_card(as_budi)
    assert "Salatiga hijau" in card and "Salatiga cerdas" not in card
