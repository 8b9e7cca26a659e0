from io import BytesIO

from openpyxl import Workbook, load_workbook

from kotacerdas.core.spreadsheet import append_row, csv_text, has_control, strip_control

HOSTILE = ['=HYPERLINK("http://x","klik")', "=1+1", "=> tahap awal", "+62 812", "@SUM(A1)", "-5 %"]


def _round_trip(rows: list[list[object]]) -> list[tuple[object, ...]]:
    workbook = Workbook()
    for row in rows:
        append_row(workbook.active, row)
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return list(load_workbook(buffer).active.iter_rows(values_only=True))


def test_text_that_looks_like_a_formula_is_written_as_text_and_reads_back_unchanged():
    rows = _round_trip([[text] for text in HOSTILE])
    assert [row[0] for row in rows] == HOSTILE


def test_a_plain_sheet_append_would_have_made_a_formula():
    # Shows what append_row protects against: openpyxl's own append stores "=1+1" as a formula.
    workbook = Workbook()
    workbook.active.append(["=1+1"])
    assert workbook.active["A1"].data_type == "f"


def test_control_characters_are_removed_and_the_export_does_not_fail():
    rows = _round_trip([["Jaringan\x0b lambat\x1b[31m\x07", 5]])
    assert rows == [("Jaringan lambat[31m", 5)]


def test_tab_line_feed_and_carriage_return_are_kept():
    assert strip_control("a\tb\nc\rd") == "a\tb\nc\rd"
    assert not has_control("a\tb\nc\rd")
    assert has_control("a\x1bb")


def test_numbers_stay_numbers():
    assert _round_trip([[1500000000, 2.5]]) == [(1500000000, 2.5)]


def test_csv_fields_that_start_like_a_formula_get_an_apostrophe():
    assert csv_text("=1+1") == "'=1+1"
    assert csv_text("@SUM(A1)") == "'@SUM(A1)"
    assert csv_text("Rp1.500.000") == "Rp1.500.000"
    assert csv_text(12) == 12
