"""``kotacerdas books REGION_CODE --out DIR [--format docx,pdf]`` on the demo region."""

from __future__ import annotations

import pytest

from kotacerdas.cli import main
from kotacerdas.documents.tests.conftest import docx_text

pytestmark = pytest.mark.django_db


def test_it_writes_the_demo_region_s_books(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.demo import load_demo

    load_demo()
    capsys.readouterr()
    assert main(["books", "33.73", "--out", str(tmp_path), "--format", "docx"]) == 0
    out, err = capsys.readouterr()
    assert "Buku II Masterplan Smart City (DOCX)" in out
    assert " 30% writing Buku II Masterplan Smart City" in err.splitlines()  # progress, while it works
    names = sorted(p.name for p in tmp_path.glob("*.docx"))
    assert names == [
        "Buku-I-Analisis-Kota-Salatiga.docx",
        "Buku-II-Masterplan-Kota-Salatiga.docx",
        "Buku-III-Ringkasan-Kota-Salatiga.docx",
        "Buku-IV-Quickwin-Kota-Salatiga.docx",
    ]
    text = docx_text((tmp_path / "Buku-II-Masterplan-Kota-Salatiga.docx").read_bytes())
    assert "KOTA SALATIGA" in text
    assert "Dinas Kesehatan" in text  # demo OPDs sign the commitment sheet
    assert "Puji syukur" in text  # the demo's kata pengantar


def test_an_unknown_region_is_a_user_error(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["books", "99.99", "--out", str(tmp_path)]) == 2
    assert "no kabupaten/kota with the code '99.99'" in capsys.readouterr().err


def test_a_bad_format_is_a_user_error(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["books", "33.73", "--out", str(tmp_path), "--format", "odt"]) == 2
    assert "--format takes docx, pdf" in capsys.readouterr().err


def test_pdf_without_libreoffice_says_what_to_install(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KOTACERDAS_SOFFICE", "/nonexistent/soffice")
    assert main(["books", "33.73", "--out", str(tmp_path), "--format", "pdf"]) == 2
    err = capsys.readouterr().err
    assert "PDF needs LibreOffice" in err
    assert "Traceback" not in err


def test_libreoffice_past_its_time_limit_is_a_user_error(  # type: ignore[no-untyped-def]
    tmp_path, capsys, monkeypatch, settings, region_a
) -> None:
    from kotacerdas.core.tests.procs import slow_program

    monkeypatch.setenv("KOTACERDAS_SOFFICE", str(slow_program(tmp_path)))
    settings.BOOKS_CONVERT_TIMEOUT_SECONDS = 1
    assert main(["books", "33.73", "--out", str(tmp_path / "out"), "--format", "pdf"]) == 2
    err = capsys.readouterr().err
    assert "LibreOffice did not finish the PDF within 1 s" in err
    assert "BOOKS_CONVERT_TIMEOUT_SECONDS" in err and "Traceback" not in err


def test_it_writes_pdf_from_the_database(tmp_path, capsys, region_a) -> None:  # type: ignore[no-untyped-def]
    import os
    import shutil
    import subprocess

    from kotacerdas.core.books.pdf import find_soffice

    if find_soffice() is None or not shutil.which("pdftotext"):
        if os.environ.get("KOTACERDAS_REQUIRE_BROWSER"):
            pytest.fail(
                "soffice and pdftotext are needed (apt-get install libreoffice-writer-nogui poppler-utils)"
            )
        pytest.skip(
            "soffice or pdftotext not installed (apt-get install libreoffice-writer-nogui poppler-utils)"
        )
    assert main(["books", "33.73", "--out", str(tmp_path), "--format", "pdf", "--year", "2026"]) == 0
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".pdf"] * 4
    pdf = tmp_path / "Buku-I-Analisis-Kota-Salatiga.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "KOTA SALATIGA" in text
    assert "BAB II PROFIL DAERAH" in text
    assert "Periode 2027–2031" in text
