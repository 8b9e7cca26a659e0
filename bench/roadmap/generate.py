"""Write a seeded, budget-tight roadmap/v1 instance to standard output.

.venv/bin/python bench/roadmap/generate.py 300 --years 10 --seed 0 > roadmap-300.json
.venv/bin/kotacerdas roadmap roadmap-300.json --time-limit 10
"""

from __future__ import annotations

import argparse
import json

from kotacerdas.core.roadmap import generate_document


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("initiatives", type=int)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tightness", type=float, default=0.45, help="yearly budget / average yearly need")
    args = parser.parse_args()
    document = generate_document(args.initiatives, args.years, args.seed, args.tightness)
    print(json.dumps(document, indent=1))


if __name__ == "__main__":
    main()
