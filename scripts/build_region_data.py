"""Rebuild kotacerdas/regions/data/regions.csv from the cahyadsn/wilayah SQL dumps.

The region list is reference data, not code: we take it from the maintained open
dataset github.com/cahyadsn/wilayah (MIT licence), whose ``db/`` folder follows
Kepmendagri 300.2.2-2138/2025 (codes and names), Dukcapil population (Dec 2024)
and BIG areas. Run it with the folder holding ``wilayah.sql``,
``wilayah_penduduk.sql`` and ``wilayah_luas.sql``::

    python scripts/build_region_data.py /path/to/wilayah/db
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROW = re.compile(r"^\('(?P<code>\d{2}(?:\.\d{2})?)','(?P<name>(?:[^']|'')*)'(?P<rest>[^)]*)\)")
OUT = Path(__file__).resolve().parent.parent / "kotacerdas" / "regions" / "data" / "regions.csv"
POPULATION_YEAR = 2024
POPULATION_SOURCE = "Dukcapil Kemendagri, Desember 2024 (via cahyadsn/wilayah)"


def read_rows(path: Path) -> dict[str, tuple[str, list[str]]]:
    rows: dict[str, tuple[str, list[str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line.strip())
        if match:
            rest = [v.strip().strip("'") for v in match["rest"].split(",") if v.strip()]
            rows[match["code"]] = (match["name"].replace("''", "'"), rest)
    return rows


def main(folder: Path) -> None:
    names = read_rows(folder / "wilayah.sql")
    population = read_rows(folder / "wilayah_penduduk.sql")
    area = read_rows(folder / "wilayah_luas.sql")
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "population", "population_year", "population_source", "area_km2"])
        for code in sorted(names):
            name = names[code][0].strip()
            pop = population.get(code, ("", []))[1]
            total = pop[-1] if pop else ""
            km2 = area.get(code, ("", []))[1]
            writer.writerow(
                [
                    code,
                    name,
                    total,
                    POPULATION_YEAR if total else "",
                    POPULATION_SOURCE if total else "",
                    km2[-1] if km2 else "",
                ]
            )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
