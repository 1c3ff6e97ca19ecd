"""The "Web app under load" section of docs/BENCHMARKS.md, from ``bench.bench_serve``'s JSON lines."""

from __future__ import annotations

from typing import Any

# (mean pause s, writers, label): the runs, in the order of the table
RUNS = (
    (1.0, "upload,watch", "pause ~1 s, both writers"),
    (1.0, "none", "pause ~1 s, no writer (control)"),
    (0.0, "upload,watch", "no pause (saturation), both writers"),
)
TARGETS = {"story page": 150, "stories page": 100}  # p95 ms
PAGES = ("stories page", "story page", "api stories", "api story", "search")


def section(rows: list[dict[str, Any]]) -> str:
    """The BENCHMARKS.md section of the load-test runs (one row per entry of ``RUNS``)."""
    first = rows[0]
    lines = [
        "## Web app under load",
        "",
        "`python -m bench.bench_serve --readers 50 --seconds 30 --think T --writers W`: `crosswire serve` on",
        f"loopback over a store of {first['articles']:,} composed articles (`bench.corpus`;",
        f"{first['stories']:,} checked stories), built once by `crosswire brief --processes 2`",
        f"({first['store_build_s'] / 60:.0f} min here), kept under build/bench-serve/ and copied for each run.",
        "50 readers (asyncio tasks sharing one httpx client, in the benchmark's process, on the same 2 cores)",
        "each request a page, wait for it, pause, and go on: 20% the",
        "stories page, 30% a story page, 15% `/api/stories`, 20% a story's brief from `/api/stories/{id}`, 15% a",
        "search, stories drawn uniformly (most are not cached yet when asked for). One stories page and one search",
        "come first (the server decodes the checks' counts and builds its search index once). Writers: files",
        "uploaded 5 at a time through `POST /sources` (the app's own worker: ingest, extract, stories, check and",
        "brief, in one child process of the server at nice 5, its models loaded on the first job) and",
        "`crosswire watch --every 2s` in another process on a folder that gets 5 new files every 2 s. Targets:",
        "story page p95 under 150 ms, stories page p95 under 100 ms, no errors. *Server CPU* is the server",
        "process's CPU time per request (its worker child's not included: *worker CPU* is that child's CPU",
        "seconds over the run), which depends less on the machine's load than the latencies do.",
        "",
        "| run | seconds | requests | requests/s | errors | stories page p95 ms | story page p95 ms "
        "| /api/stories p95 ms | /api/stories/{id} p95 ms | search p95 ms | server CPU ms/request "
        "| worker CPU s | articles added (upload jobs done) | load average before / after |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row, (_, _, label) in zip(rows, RUNS, strict=True):
        pages = row["pages"]
        p95 = " | ".join(f"{pages[k]['p95_ms']:.0f}" if k in pages else "—" for k in PAGES)
        writers = row["writers"]
        lines.append(
            f"| {label} | {row['seconds']:.0f} | {row['requests']:,} | {row['requests_per_s']:.1f} | {row['errors']} "
            f"| {p95} | {row['server_cpu_ms_per_request']:.1f} | {row.get('worker_process_cpu_s', 0.0):.1f} "
            f"| {writers['articles_added']} ({writers['jobs']}) "
            f"| {row['load_average'][0]} / {row['load_average'][1]} |"
        )
    lines += ["", "p50 / p95 / max, ms:", "", "| run | " + " | ".join(PAGES) + " |", "|---|" + "---:|" * len(PAGES)]
    for row, (_, _, label) in zip(rows, RUNS, strict=True):
        cells = [
            f"{row['pages'][k]['p50_ms']:.0f} / {row['pages'][k]['p95_ms']:.0f} / {row['pages'][k]['max_ms']:.0f}"
            if k in row["pages"]
            else "—"
            for k in PAGES
        ]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "Targets:", ""]
    for row, (_, _, label) in zip(rows, RUNS, strict=True):
        verdicts = [
            f"{page} p95 {row['pages'][page]['p95_ms']:.0f} ms "
            f"({'met' if row['pages'][page]['p95_ms'] < limit else 'missed'}, target < {limit})"
            for page, limit in TARGETS.items()
        ]
        kinds = f" ({', '.join(row['error_kinds'])})" if row["error_kinds"] else ""
        errors = f"{row['errors']} errors{kinds} ({'met' if row['errors'] == 0 else 'missed'})"
        writer_errors = row["writers"]["errors"]
        lines.append(
            f"- {label}: "
            + "; ".join([*verdicts, errors])
            + (f"; writer errors: {'; '.join(writer_errors)}" if writer_errors else "")
            + "."
        )
    return "\n".join(lines)
