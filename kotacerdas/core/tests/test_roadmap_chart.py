"""The combined roadmap chart's data on a worked example: lanes, arrows, yearly totals against ceilings.

Kota Contoh adopted GOV-01 → GOV-02, ENV-01 in 2026 and BRD-02 in 2027–2028 (ceiling Rp900 juta a year);
the latest run moves ENV-01 to 2027, drops BRD-02 and adds ENV-02. 2027 then spends Rp1.000.000.000
against Rp900.000.000: the chart must say so.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kotacerdas.core.plan import PlannedInitiative, PlanOfRecord
from kotacerdas.core.roadmap_chart import ChartText, chart_data
from kotacerdas.core.roadmap_figure import roadmap_png, roadmap_svg

CEILINGS = {2026: 900_000_000, 2027: 900_000_000, 2028: 800_000_000}
LONG_NAME = "Satu Data Kota Contoh: portal data terpadu untuk seluruh perangkat daerah dan masyarakat umum"


def _item(
    code: str, dimension: str, start: int, end: int, cost: dict[int, int], *before: str
) -> PlannedInitiative:
    name = LONG_NAME if code == "GOV-01" else f"Inisiatif {code}"
    return PlannedInitiative(code, name, dimension, "Diskominfo", start, end, {"APBD": cost}, before)


GOV_01 = _item("GOV-01", "governance", 2026, 2027, {2026: 350_000_000, 2027: 300_000_000})
GOV_02 = _item("GOV-02", "governance", 2028, 2028, {2028: 400_000_000}, "GOV-01")
ENV_01 = _item("ENV-01", "environment", 2026, 2026, {2026: 500_000_000})
BRD_02 = _item("BRD-02", "branding", 2027, 2028, {2027: 700_000_000, 2028: 100_000_000})


def _plan(*items: PlannedInitiative, run_id: int = 7) -> PlanOfRecord:
    return PlanOfRecord(
        datetime(2026, 3, 2), "budi", run_id, "hash", (2026, 2028), CEILINGS, initiatives=items
    )


ADOPTED = _plan(GOV_01, GOV_02, ENV_01, BRD_02)
LATEST = _plan(
    GOV_01,
    GOV_02,
    _item("ENV-01", "environment", 2027, 2027, {2027: 500_000_000}),
    _item("ENV-02", "environment", 2028, 2028, {2028: 100_000_000}, "ENV-01"),
    run_id=9,
)
ORDER = ("governance", "branding", "environment")
LABELS = {"governance": "Tata Kelola", "branding": "Branding", "environment": "Lingkungan"}


def _chart() -> dict[str, Any]:
    return chart_data(ADOPTED, LATEST, dimension_order=ORDER, dimension_labels=LABELS)


def test_lanes_follow_the_framework_order_with_full_names() -> None:
    chart = _chart()
    assert [(lane["label"], [r["code"] for r in lane["rows"]]) for lane in chart["lanes"]] == [
        ("Tata Kelola", ["GOV-01", "GOV-02"]),
        ("Branding", ["BRD-02"]),
        ("Lingkungan", ["ENV-01", "ENV-02"]),
    ]
    assert chart["lanes"][0]["rows"][0]["label"] == f"GOV-01 {LONG_NAME}"  # never shortened


def test_rows_compare_the_adopted_plan_with_the_latest_run() -> None:
    rows = {row["code"]: row for lane in _chart()["lanes"] for row in lane["rows"]}
    assert rows["ENV-01"]["plan"] == {"start": 2026, "end": 2026}
    assert rows["ENV-01"]["latest"] == {"start": 2027, "end": 2027}
    assert rows["ENV-01"]["moved"] is True and rows["GOV-01"]["moved"] is False
    assert rows["BRD-02"]["latest"] is None
    assert rows["BRD-02"]["note"] == ChartText().not_in_latest
    assert rows["ENV-02"]["plan"] is None and rows["ENV-02"]["note"] == ChartText().not_in_plan
    assert rows["BRD-02"]["cost"] == "Rp800.000.000"


def test_arrows_run_from_each_predecessor_to_its_successor() -> None:
    assert _chart()["arrows"] == [{"from": "GOV-01", "to": "GOV-02"}, {"from": "ENV-01", "to": "ENV-02"}]


def test_an_arrow_to_an_initiative_not_drawn_is_left_out() -> None:
    alone = _plan(_item("GOV-02", "governance", 2028, 2028, {2028: 1}, "GOV-01"))
    assert chart_data(alone)["arrows"] == []


def test_yearly_totals_stand_against_the_ceilings() -> None:
    budget = _chart()["budget"]
    assert [(b["year"], b["total"], b["ceiling"], b["over"], b["latest"]) for b in budget] == [
        (2026, 850_000_000, 900_000_000, False, 350_000_000),
        (2027, 1_000_000_000, 900_000_000, True, 800_000_000),
        (2028, 500_000_000, 800_000_000, False, 500_000_000),
    ]
    assert budget[1]["total_text"] == "Rp1.000.000.000" and budget[1]["ceiling_text"] == "Rp900.000.000"


def test_before_adoption_the_latest_run_is_drawn_alone() -> None:
    chart = chart_data(LATEST, adopted=False, text=ChartText(latest_only="Latest run (not adopted)"))
    assert chart["compare"] is False and chart["adopted"] is False
    assert chart["text"]["plan"] == "Latest run (not adopted)"
    assert all(row["latest"] is None and row["note"] == "" for lane in chart["lanes"] for row in lane["rows"])
    assert [b["latest"] for b in chart["budget"]] == [None, None, None]


def test_a_year_without_ceiling_is_never_over() -> None:
    plan = PlanOfRecord(datetime(2026, 1, 1), "budi", None, "h", (2026, 2026), {}, initiatives=(ENV_01,))
    (year,) = chart_data(plan)["budget"]
    assert year["over"] is False and year["ceiling"] is None and year["ceiling_text"] == "tanpa pagu"


def test_the_books_figure_draws_the_same_dict_sharply() -> None:
    chart = _chart()
    png = roadmap_png(chart)
    assert png.startswith(b"\x89PNG")
    width = int.from_bytes(png[16:20], "big")
    assert width >= 6.5 * 220 - 2  # 220 dpi across the page
    svg = roadmap_svg(chart).decode()
    assert "Tata Kelola" in svg and "tidak dijadwalkan oleh optimasi terakhir" in svg
    assert "masyarakat umum" in svg  # the end of the long name is printed, wrapped, not cut


def test_the_books_draw_the_very_dict_the_page_draws() -> None:
    from kotacerdas.core.books import charts
    from kotacerdas.core.books.render import Assets
    from kotacerdas.core.books.sample import sample_book_data as sample_data

    chart = _chart()
    assets = Assets(roadmap_chart=chart)
    assets.draw(sample_data())
    assert assets.gantt == [roadmap_png(chart)]
    own = charts.roadmap_gantt(sample_data())  # without a plan: the book's own schedule, same drawing
    assert len(own) == 3 and all(png.startswith(b"\x89PNG") for png in own)  # 60 initiatives, 22 a page


def test_a_long_roadmap_is_cut_into_printable_pages_keeping_lanes_and_arrows() -> None:
    from kotacerdas.core.roadmap_figure import pages

    chart = _chart()
    first, second = pages(chart, rows_per_page=3)
    assert [[r["code"] for r in lane["rows"]] for lane in first["lanes"]] == [
        ["GOV-01", "GOV-02"],
        ["BRD-02"],
    ]
    assert [[r["code"] for r in lane["rows"]] for lane in second["lanes"]] == [["ENV-01", "ENV-02"]]
    assert first["arrows"] == [{"from": "GOV-01", "to": "GOV-02"}] and first["budget"] is None
    assert second["budget"] == chart["budget"] and second["lanes"][0]["index"] == 2


def test_the_budget_legend_sits_below_the_frame(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.core.books import charts
    from kotacerdas.core.books.sample import sample_book_data as sample_data

    drawn = []
    monkeypatch.setattr(charts, "_png", lambda figure: drawn.append(figure) or b"")
    charts.budget_per_year(sample_data())
    (figure,) = drawn
    figure.canvas.draw()
    axes = figure.axes[0]
    legend = axes.get_legend().get_window_extent()
    assert legend.y1 < axes.get_window_extent().y0  # entirely under the plot, covering no bar
