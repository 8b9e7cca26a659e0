"""Benchmark: the four books of a fully populated region, DOCX and PDF, and a batch of regions.

    .venv/bin/python bench/books/bench_books.py [--regions 20] [--pdf-batch] [--out DIR]

BookData is synthetic (kotacerdas.core.books.sample): 60 initiatives over six
dimensions, 150 KPIs with yearly targets over five years, budgets per year and
source, six quick wins with risk registers. No database: this measures the
generator and LibreOffice, not the ORM. Targets: DOCX ≤ 5 s and PDF ≤ 20 s for
the four books of one region.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kotacerdas.core.books.outline import load_outline  # noqa: E402
from kotacerdas.core.books.pdf import PdfUnavailable, convert_to_pdf, find_soffice, uno_python  # noqa: E402
from kotacerdas.core.books.render import Assets, render_books  # noqa: E402
from kotacerdas.core.books.sample import sample_book_data  # noqa: E402


def page_count(pdf: Path) -> str:
    if not shutil.which("pdfinfo"):
        return "?"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


def timed(label: str, func):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - start
    print(f"{label:<52} {elapsed:7.2f} s")
    return result, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=20, help="regions in the batch (default 20)")
    parser.add_argument("--pdf-batch", action="store_true", help="also convert the whole batch to PDF")
    parser.add_argument("--out", help="keep the files in this folder")
    args = parser.parse_args()
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="kc-bench-books-"))
    print(f"python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    soffice = find_soffice()
    print(f"LibreOffice: {soffice or 'not installed'}; UNO: {uno_python() or 'no'}")

    books = load_outline().book_set()
    data = sample_book_data(name="Kota Contoh", code="99.71")
    kpis = sum(len(i.kpis) for i in data.initiatives)
    print(
        f"one region: {len(books)} books, {len(data.initiatives)} initiatives, {kpis} KPIs, "
        f"{len(data.dimensions())} dimensions, {len(data.years)} years\n"
    )

    assets = Assets()
    timed("charts (Gantt, budget per year)", lambda: assets.draw(data))
    docx, docx_s = timed(
        "DOCX, four books of one region", lambda: render_books(data, books, out / "one", assets)
    )
    sizes = ", ".join(f"{p.stat().st_size // 1024} KiB" for p in docx)
    print(f"{'':<52} ({sizes})")
    pdf_s = None
    if soffice:
        try:
            pdfs, pdf_s = timed(
                "PDF, four books of one region (LibreOffice)", lambda: convert_to_pdf(docx, out / "one")
            )
            print(f"{'':<52} (pages: {', '.join(page_count(p) for p in pdfs)})")
        except PdfUnavailable as error:
            print(f"PDF failed: {error}")

    def batch_docx() -> list[list[Path]]:
        made = []
        for n in range(args.regions):
            region = sample_book_data(name=f"Kota Contoh {n + 1}", code=f"99.{n + 1:02d}", seed=n)
            made.append(render_books(region, books, out / f"batch-{n + 1:02d}"))
        return made

    batch, batch_s = timed(f"DOCX, batch of {args.regions} regions (charts included)", batch_docx)
    batch_pdf_s = None
    if soffice and args.pdf_batch:
        flat = [p for paths in batch for p in paths]
        _pdfs, batch_pdf_s = timed(
            f"PDF, batch of {args.regions} regions (one LibreOffice run)",
            lambda: convert_to_pdf(flat, out / "batch-pdf", timeout=3600),
        )

    print("\nverdict:")
    print(f"  DOCX one region {docx_s:.2f} s (target ≤ 5 s): {'ok' if docx_s <= 5 else 'OVER'}")
    if pdf_s is not None:
        print(f"  PDF  one region {pdf_s:.2f} s (target ≤ 20 s): {'ok' if pdf_s <= 20 else 'OVER'}")
    print(f"  DOCX batch {args.regions} regions {batch_s:.1f} s ({batch_s / args.regions:.2f} s per region)")
    if batch_pdf_s is not None:
        print(
            f"  PDF  batch {args.regions} regions {batch_pdf_s:.1f} s "
            f"({batch_pdf_s / args.regions:.2f} s per region)"
        )
    if not args.out:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
