"""LibreOffice under a time limit in its own guarded process group: always killed and reaped, its
temporary folders always removed. A shell script stands in for a hanging soffice (a real process
pointed at through KOTACERDAS_SOFFICE); the last test converts with the real LibreOffice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from pathlib import Path

import pytest
from docx import Document

from kotacerdas.core.books.pdf import ConversionTimeout, convert_to_pdf, find_soffice
from kotacerdas.core.processes import remove_orphaned_tempdirs
from kotacerdas.core.tests.procs import MARK, slow_program, wait_until_gone, wait_until_present

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def mark(monkeypatch: pytest.MonkeyPatch) -> str:
    value = uuid.uuid4().hex
    monkeypatch.setenv(MARK, value)
    return value


@pytest.fixture
def tmpdir_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A dedicated TMPDIR for this test: it must be empty again afterwards."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    monkeypatch.setenv("TMPDIR", str(root))
    return root


def a_docx(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    doc = Document()
    doc.add_heading("Masterplan Smart City", 1)
    doc.add_paragraph("Kota Salatiga")
    path = folder / "Buku-I.docx"
    doc.save(str(path))
    return path


def test_a_hanging_libreoffice_is_killed_with_its_children_at_the_time_limit(
    tmp_path: Path, tmpdir_root: Path, mark: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOTACERDAS_SOFFICE", str(slow_program(tmp_path)))
    docx = a_docx(tmp_path / "out")
    began = time.monotonic()
    with pytest.raises(ConversionTimeout, match="within 2 s"):
        convert_to_pdf([docx], docx.parent, timeout=2)
    assert time.monotonic() - began < 8
    assert wait_until_gone(mark, 2) == []
    assert list(tmpdir_root.iterdir()) == []


def test_a_worker_killed_mid_conversion_leaves_no_libreoffice_behind(
    tmp_path: Path, tmpdir_root: Path, mark: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOTACERDAS_SOFFICE", str(slow_program(tmp_path)))
    docx = a_docx(tmp_path / "out")
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from kotacerdas.core.books.pdf import convert_to_pdf
        convert_to_pdf([Path({str(docx)!r})], Path({str(docx.parent)!r}), timeout=120)
        """
    )
    worker = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, start_new_session=True)
    try:
        assert wait_until_present(mark, "sleep", 30), "the stand-in soffice did not start"
        os.kill(worker.pid, signal.SIGKILL)  # the worker alone, as `kill -9 PID` does: no clean-up runs
        worker.wait(10)
        assert wait_until_gone(mark, 3) == []
        # what the killed worker could not remove, the next worker's sweep does
        (left,) = tmpdir_root.iterdir()
        assert left.name.startswith(f"kc-{worker.pid}-soffice-")
        assert remove_orphaned_tempdirs(tmpdir_root) == [left]
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()


def test_a_real_conversion_leaves_no_temporary_folder_and_no_process(
    tmp_path: Path, tmpdir_root: Path, mark: str
) -> None:
    if find_soffice() is None:
        if os.environ.get("KOTACERDAS_REQUIRE_BROWSER"):
            pytest.fail("soffice is not installed (apt-get install libreoffice-writer-nogui python3-uno)")
        pytest.skip("soffice is not installed (apt-get install libreoffice-writer-nogui python3-uno)")
    docx = a_docx(tmp_path / "out")
    (pdf,) = convert_to_pdf([docx], docx.parent, timeout=120)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert wait_until_gone(mark, 3) == []
    assert list(tmpdir_root.iterdir()) == []
