"""DOCX → PDF with LibreOffice (headless), tables of contents updated when UNO is available.

With Debian's ``python3-uno`` the conversion goes through lo_convert.py, which
updates every index (the table of contents gets its page numbers). Without it,
``soffice --headless --convert-to pdf`` converts as is (the TOC keeps the
chapter list written by the generator). Without LibreOffice at all,
``PdfUnavailable`` says what to install: never a traceback.

LibreOffice runs under a time limit in a process group of its own, led by the guard of
:mod:`kotacerdas.core.processes`: the whole group is killed and reaped whatever happens, and a
worker killed mid-conversion leaves no ``soffice.bin`` behind. Its profile and every temporary
file it makes (``TMPDIR`` points into the same folder) live in one ``owned_tempdir``, removed at
the end. A conversion that runs out of time raises ``ConversionTimeout``: not a missing tool but a
failed step, so the caller fails the job instead of falling back to DOCX.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from kotacerdas.core.processes import ProcessTimeout, owned_tempdir, run_in_group

LO_CONVERT = Path(__file__).with_name("lo_convert.py")
INSTALL_HINT = "install LibreOffice Writer (Debian: apt-get install libreoffice-writer-nogui python3-uno)"
DEFAULT_TIMEOUT = 300.0


class PdfUnavailable(RuntimeError):
    """LibreOffice is missing or failed; the message is meant for a person."""


class ConversionTimeout(RuntimeError):
    """LibreOffice did not finish within the time limit (it was killed, with its whole group)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"LibreOffice did not finish the PDF within {seconds:g} s.")
        self.seconds = seconds


def find_soffice() -> str | None:
    configured = os.environ.get("KOTACERDAS_SOFFICE")
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


@lru_cache(maxsize=1)
def uno_python() -> str | None:
    """The system Python that can import LibreOffice's ``uno`` module, if any."""
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if not candidate or not Path(candidate).exists():
            continue
        try:
            probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return candidate
    return None


def convert_to_pdf(docx_paths: Sequence[Path], outdir: Path, timeout: float = DEFAULT_TIMEOUT) -> list[Path]:
    """Convert the documents in one LibreOffice run; returns the PDF paths (same stems)."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfUnavailable(f"PDF needs LibreOffice, which is not installed here: {INSTALL_HINT}.")
    outdir.mkdir(parents=True, exist_ok=True)
    files = [str(p) for p in docx_paths]
    python = uno_python()
    with owned_tempdir("soffice") as profile:
        if python:
            command = [python, str(LO_CONVERT), soffice, str(outdir), *files]
        else:
            command = [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                *files,
            ]
        try:
            result = run_in_group(command, timeout, env={**os.environ, "TMPDIR": profile})
        except ProcessTimeout:
            raise ConversionTimeout(timeout) from None
    pdfs = [outdir / (Path(f).stem + ".pdf") for f in files]
    missing = [p.name for p in pdfs if not p.exists()]
    if result.returncode != 0 or missing:
        detail = (result.stderr or result.stdout or "").strip().splitlines()[-1:] or ["no output"]
        if result.returncode == 127:  # the guard could not start soffice
            raise PdfUnavailable(f"LibreOffice could not be started ({detail[0]}); {INSTALL_HINT}.")
        raise PdfUnavailable(
            f"LibreOffice could not convert {', '.join(missing) or 'the books'}: {detail[0]}"
        )
    return pdfs
