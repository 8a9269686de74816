"""One table from bench/results.json: what bench/run measured, beside the issues' targets."""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"


def main() -> None:
    results = json.loads(RESULTS.read_text())
    rows: list[tuple[str, str, str]] = []
    if "extraction" in results:
        e = results["extraction"]
        rows.append(("extraction, 1 core", f"{e['articles_per_second']} articles/s", ">= 200 articles/s"))
        for language, figures in e.get("languages", {}).items():
            rows.append(
                (
                    f"extraction, {language}",
                    f"{figures['articles_per_second']} articles/s",
                    ">= 200 articles/s",
                )
            )
    for run in results.get("ingest", []):
        rows.append((f"ingest, {run['workers']} worker(s)", f"{run['articles_per_second']} articles/s", ""))
    web = results.get("web", {}).get("sizes", {})
    for size, data in web.items():
        rows.append((f"synth {int(size):,}", f"{data['synth_seconds']} s", "< 300 s at 1,000,000"))
        for name, r in data["scenarios"].items():
            rows.append((f"{name} @ {int(size):,}", f"p95 {r['p95']} ms, {r['rps']} rps", ""))
        csv = data["csv"]
        rows.append((f"CSV @ {int(size):,}", f"{csv['rows_per_second']:,} rows/s", "flat memory"))
    width = max(len(r[0]) for r in rows)
    for name, figure, target in rows:
        print(f"{name:<{width}}  {figure:<28} {target}")


if __name__ == "__main__":
    main()
