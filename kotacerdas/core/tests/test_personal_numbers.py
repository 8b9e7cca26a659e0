"""Worked examples for the personal-number finder (UU PDP: held for redaction before showing)."""

from __future__ import annotations

import pytest

from kotacerdas.core.personal_numbers import NIK, PHONE, find_personal_numbers, has_personal_numbers, redact


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("NIK saya 3373010101010001 mohon dicek", NIK, "3373010101010001"),
        ("NIK 3373 0101 0101 0001.", NIK, "3373 0101 0101 0001"),
        ("hubungi 081234567890 ya", PHONE, "081234567890"),
        ("WA: 0812-3456-7890", PHONE, "0812-3456-7890"),
        ("telp +62 812 3456 7890 sore", PHONE, "+62 812 3456 7890"),
        ("telp 6281234567890", PHONE, "6281234567890"),
    ],
)
def test_it_finds_a_nik_or_a_phone_number(text: str, kind: str, found: str) -> None:
    (finding,) = find_personal_numbers(text)
    assert (finding.kind, finding.text) == (kind, found)
    assert text[finding.start : finding.end] == found


@pytest.mark.parametrize(
    "text",
    [
        "Tahun 2026 jalan rusak di 3 titik",
        "Anggaran Rp 1.500.000.000 untuk 12 CCTV",
        "Masalah M-05 dan inisiatif LIV-01",
        "nomor 33730101010100012 terlalu panjang",  # 17 digits: not a NIK
        "kode 021 5551234",  # a landline with area code is not flagged
        "0812345",  # too short for a mobile number
    ],
)
def test_it_leaves_other_numbers_alone(text: str) -> None:
    assert find_personal_numbers(text) == []
    assert not has_personal_numbers(text)


def test_it_redacts_every_span_and_keeps_the_rest() -> None:
    text = "Saya Andi, NIK 3373010101010001, HP 0812-3456-7890. Lampu jalan mati."
    assert redact(text) == "Saya Andi, NIK [disamarkan], HP [disamarkan]. Lampu jalan mati."
    assert [f.kind for f in find_personal_numbers(text)] == [NIK, PHONE]
