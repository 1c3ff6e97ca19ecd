"""`crosswire serve` under load: concurrent readers on a large store while new articles arrive.

    python -m bench.bench_serve --articles 2000 --readers 50 --seconds 30 --think 1.0

The store is ``bench.serve_store``'s (built once, copied per run). ``crosswire serve`` runs in its own
process on loopback. In this process, ``--readers`` readers (asyncio tasks sharing one httpx client)
each request a page, wait for it, pause a random time averaging ``--think`` seconds (0: none), and go
on, for ``--seconds``, after one stories page and one search (which decode the checks' counts and
build the search index, as a server does once after it starts). The pages are drawn from a fixed mix
of the stories page, story pages, the stories API, story briefs from the API and searches, over
stories chosen uniformly (so few repeat soon enough to be cached). Meanwhile two writers add new
articles to the same store: the app's own worker (files uploaded through ``POST /sources``: ingest,
extract, stories, check, brief in the server's child process), and ``crosswire watch`` in another process on
a folder that gets new files every two seconds (ingest and stories). Prints one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.corpus import sentence_pool
from bench.serve_store import CROSSWIRE, built_store, corpus_texts, working_copy

MIX = {"stories page": 0.2, "story page": 0.3, "api stories": 0.15, "api story": 0.2, "search": 0.15}
BATCH = 5  # new articles per upload and per drop into the watched folder
EXTRA = 400  # new texts made ready for the writers (more than 30 s can take)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(base: str, server: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"crosswire serve exited with {server.returncode}")
        try:
            if httpx.get(base + "/api/stories?limit=1", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise SystemExit("crosswire serve did not answer in time")


def story_ids(base: str) -> list[str]:
    """Every checked story's id, from the API."""
    ids: list[str] = []
    while True:
        page = httpx.get(f"{base}/api/stories", params={"limit": 1000, "offset": len(ids)}, timeout=60).json()
        ids += [row["id"] for row in page["stories"] if row["checked"]] or []
        if not page["stories"] or len(ids) >= page["total"] or len(page["stories"]) < 1000:
            return ids


def search_words(texts: list[str], count: int = 40) -> list[str]:
    """Words of the corpus to search for (deterministic)."""
    words = sorted({w for s in sentence_pool(texts) for w in re.findall(r"[A-Za-z]{6,}", s)})
    return random.Random(7).sample(words, min(count, len(words)))


def url_for(kind: str, rng: random.Random, ids: list[str], words: list[str]) -> str:
    if kind == "stories page":
        return "/"
    if kind == "story page":
        return f"/stories/{rng.choice(ids)}"
    if kind == "api stories":
        return "/api/stories"
    if kind == "api story":
        return f"/api/stories/{rng.choice(ids)}"
    return f"/search?q={rng.choice(words)}"


async def reader(
    number: int,
    client: httpx.AsyncClient,
    *,
    until: float,
    think: float,
    ids: list[str],
    words: list[str],
    samples: list[tuple[str, float, int | str]],
) -> None:
    rng = random.Random(number)
    kinds, weights = list(MIX), list(MIX.values())
    while time.monotonic() < until:
        kind = rng.choices(kinds, weights)[0]
        url = url_for(kind, rng, ids, words)
        start = time.perf_counter()
        try:
            response = await client.get(url)
            outcome: int | str = response.status_code
        except httpx.HTTPError as e:
            outcome = type(e).__name__
        samples.append((kind, time.perf_counter() - start, outcome))
        if think:
            await asyncio.sleep(rng.expovariate(1 / think))


async def upload_writer(
    client: httpx.AsyncClient, base: str, texts: list[str], *, until: float, done: dict[str, Any]
) -> None:
    """Upload BATCH new files at a time through the sources form; wait for each job before the next."""
    page = (await client.get("/sources")).text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)[1]  # type: ignore[index]
    while time.monotonic() < until and texts:
        batch, texts[:] = texts[:BATCH], texts[BATCH:]
        files = [("files", (f"new-{done['uploaded'] + i}.txt", t.encode(), "text/plain")) for i, t in enumerate(batch)]
        response = await client.post("/sources", data={"csrf": csrf}, files=files, headers={"origin": base})
        if response.status_code != 303:
            done["errors"].append(f"upload: HTTP {response.status_code}")
            return
        done["uploaded"] += len(batch)
        job_id = response.headers["location"].rsplit("/", 1)[1]
        while True:
            await asyncio.sleep(0.5)
            job = (await client.get(f"/api/jobs/{job_id}")).json()
            if job["state"] in ("done", "failed"):
                break
        done["jobs"] += 1
        done["stored"] += len(job["article_ids"])
        if job["state"] == "failed":
            done["errors"].append(f"job {job_id}: {job['error']}")
        if time.monotonic() >= until:  # the job that outlasted the window still counts as done
            break


async def folder_writer(inbox: Path, texts: list[str], *, until: float, done: dict[str, Any]) -> None:
    """Drop BATCH new files into the watched folder every two seconds."""
    while time.monotonic() < until and texts:
        batch, texts[:] = texts[:BATCH], texts[BATCH:]
        for text in batch:
            (inbox / f"w{done['dropped']:05d}.txt").write_text(text, "utf-8")
            done["dropped"] += 1
        await asyncio.sleep(2.0)


async def load(
    base: str,
    *,
    readers: int,
    seconds: float,
    think: float,
    ids: list[str],
    words: list[str],
    inbox: Path,
    new_texts: list[str],
    writers_on: set[str],
) -> dict[str, Any]:
    samples: list[tuple[str, float, int | str]] = []
    writers: dict[str, Any] = {"uploaded": 0, "jobs": 0, "stored": 0, "dropped": 0, "errors": []}
    # idle connections are closed after 4 s, before uvicorn's 5 s keep-alive timeout closes them under a request
    limits = httpx.Limits(max_connections=readers + 2, max_keepalive_connections=readers + 2, keepalive_expiry=4.0)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        start = time.monotonic()
        until = start + seconds
        half = len(new_texts) // 2
        tasks = []
        if "upload" in writers_on:
            tasks.append(asyncio.create_task(upload_writer(client, base, new_texts[:half], until=until, done=writers)))
        if "watch" in writers_on:
            tasks.append(asyncio.create_task(folder_writer(inbox, new_texts[half:], until=until, done=writers)))
        await asyncio.gather(
            *(
                reader(n, client, until=until, think=think, ids=ids, words=words, samples=samples)
                for n in range(readers)
            )
        )
        elapsed = time.monotonic() - start
        await asyncio.gather(*tasks)
    return {"samples": samples, "elapsed": elapsed, "writers": writers}


def summary(samples: list[tuple[str, float, int | str]]) -> dict[str, dict[str, float | int]]:
    out: dict[str, dict[str, float | int]] = {}
    for kind in [*MIX, "all"]:
        times = sorted(t for k, t, _ in samples if k == kind or kind == "all")
        errors = sum(1 for k, _, o in samples if (k == kind or kind == "all") and o != 200)
        if len(times) < 2:
            continue
        cuts = statistics.quantiles(times, n=100, method="inclusive")
        out[kind] = {
            "requests": len(times),
            "errors": errors,
            "p50_ms": round(cuts[49] * 1000, 1),
            "p95_ms": round(cuts[94] * 1000, 1),
            "max_ms": round(times[-1] * 1000, 1),
        }
    return out


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu(pid: int) -> dict[int, float]:
    """CPU seconds so far of each live child of a process (the app's analysis process, its resource tracker)."""
    pids = {int(p) for task in Path(f"/proc/{pid}/task").iterdir() for p in (task / "children").read_text().split()}
    out = {}
    for child in pids:
        with contextlib.suppress(FileNotFoundError):  # ended meanwhile
            out[child] = cpu_seconds(child)
    return out


def count_articles(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def run(*, articles: int, readers: int, seconds: float, think: float, writers_on: set[str]) -> dict[str, Any]:
    built, meta = built_store(articles)
    texts, new_texts = corpus_texts(articles, EXTRA)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        db = working_copy(built, tmp)
        inbox = tmp / "inbox"
        inbox.mkdir()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = (tmp / "serve.log").open("wb")
        server = subprocess.Popen([CROSSWIRE, "serve", "--db", str(db), "--port", str(port)], cwd=tmp, stderr=log)
        watch = None
        try:
            wait_until_up(base, server)
            ids = story_ids(base)
            words = search_words(texts)
            for path in ("/", f"/search?q={words[0]}"):  # what a server does once: decode the checks' counts, index
                httpx.get(base + path, timeout=120).raise_for_status()
            if "watch" in writers_on:
                watch = subprocess.Popen(
                    [CROSSWIRE, "--db", str(db), "watch", str(inbox), "--every", "2s"],
                    cwd=tmp,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            load_before = os.getloadavg()[0]
            cpu_before = cpu_seconds(server.pid)
            children_before = children_cpu(server.pid)
            result = asyncio.run(
                load(
                    base,
                    readers=readers,
                    seconds=seconds,
                    think=think,
                    ids=ids,
                    words=words,
                    inbox=inbox,
                    new_texts=new_texts,
                    writers_on=writers_on,
                )
            )
            load_after = os.getloadavg()[0]
            server_cpu = cpu_seconds(server.pid) - cpu_before
            worker_cpu = sum(t - children_before.get(p, 0.0) for p, t in children_cpu(server.pid).items())
        finally:
            for process in (watch, server):
                if process is not None:
                    process.terminate()
                    process.wait(timeout=30)
            log.close()
        added = count_articles(db) - meta["articles"]
        server_log = (tmp / "serve.log").read_text("utf-8", "replace").strip().splitlines()
    samples = result["samples"]
    return {
        "articles": meta["articles"],
        "stories": len(ids),
        "store_build_s": meta["build_s"],
        "readers": readers,
        "writers_on": sorted(writers_on),
        "seconds": round(result["elapsed"], 1),
        "think_s": think,
        "requests": len(samples),
        "requests_per_s": round(len(samples) / result["elapsed"], 1),
        "errors": sum(1 for _, _, o in samples if o != 200),
        "error_kinds": sorted({str(o) for _, _, o in samples if o != 200}),
        "pages": summary(samples),
        "writers": {**result["writers"], "articles_added": added},
        "server_cpu_s": round(server_cpu, 1),
        "server_cpu_ms_per_request": round(server_cpu * 1000 / max(1, len(samples)), 1),
        "worker_process_cpu_s": round(worker_cpu, 1),
        "load_average": [round(load_before, 1), round(load_after, 1)],
        "server_log_tail": server_log[-5:],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between a reader's requests (0: none)")
    parser.add_argument(
        "--writers", default="upload,watch", help="which writers run: upload, watch (comma-separated), or none"
    )
    args = parser.parse_args()
    writers_on = set(args.writers.split(",")) - {"none", ""}
    print(
        json.dumps(
            run(
                articles=args.articles,
                readers=args.readers,
                seconds=args.seconds,
                think=args.think,
                writers_on=writers_on,
            )
        )
    )


if __name__ == "__main__":
    main()
