"""Benchmarks, run on demand (never part of the test suite).

    python benchmarks/bench.py            # every benchmark
    python benchmarks/bench.py startup    # only some: startup, documents, build_workers,
                                          # ledger, ledger_pdf, oparl, site, tables, ...
    BENCH_TABLE_SIZES=1000 python benchmarks/bench.py tables
    BENCH_LEDGER_SIZES=200,2000 python benchmarks/bench.py ledger
    BENCH_LEDGER_PDF_SIZES=50,200 python benchmarks/bench.py ledger_pdf

Each benchmark times whole processes (median of several runs) with PYTHONDONTWRITEBYTECODE
unset, so the byte-code cache works as it does for users, and prints one line per figure with
the target it is held to.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
BENCHMARKS: dict[str, Callable[[], None]] = {}


def benchmark(func: Callable[[], None]) -> Callable[[], None]:
    BENCHMARKS[func.__name__] = func
    return func


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("KOGSRO_TODAY", "2022-06-01")
    return env


def kogsro_command() -> list[str]:
    """The installed entry point next to this interpreter, else ``python -m kogsro``."""
    script = Path(sys.executable).with_name("kogsro")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kogsro"]


def median_seconds(
    argv: Sequence[str],
    *,
    runs: int = RUNS,
    cwd: Path = ROOT,
    warmup: int = 2,
    env_extra: dict[str, str] | None = None,
) -> float:
    env = {**environment(), **(env_extra or {})}
    times = []
    for index in range(warmup + runs):
        began = time.perf_counter()
        subprocess.run(argv, cwd=cwd, env=env, check=True, capture_output=True)
        if index >= warmup:
            times.append(time.perf_counter() - began)
    return statistics.median(times)


def report(
    name: str, seconds: float, *, base: float | None = None, target: float | None = None
) -> None:
    line = f"{name:<44} {seconds * 1000:8.1f} ms"
    if base:
        ratio = seconds / base
        line += f"   {ratio:5.2f}x"
        if target is not None:
            line += f"  (target <= {target:.2f}x: {'ok' if ratio <= target else 'MISSED'})"
    print(line, flush=True)


@benchmark
def startup() -> None:
    """`kogsro --version` and `--help` against a bare `import typer`."""
    typer_only = median_seconds([sys.executable, "-c", "import typer"])
    report("python -c 'import typer'", typer_only)
    report(
        "kogsro --version",
        median_seconds([*kogsro_command(), "--version"]),
        base=typer_only,
        target=1.1,
    )
    report("kogsro --help", median_seconds([*kogsro_command(), "--help"]), base=typer_only)
    report(
        "kogsro show 2022-06-14",
        median_seconds([*kogsro_command(), "show", "2022-06-14"]),
        base=typer_only,
    )


@benchmark
def oparl() -> None:
    """`kogsro export oparl` (one document, and the static API's files) against `show`."""
    import tempfile

    show = median_seconds([*kogsro_command(), "show", "2022-06-14"])
    report("kogsro show 2022-06-14", show)
    report(
        "kogsro export oparl -o -",
        median_seconds([*kogsro_command(), "export", "oparl", "-o", "-"]),
        base=show,
        target=1.5,
    )
    with tempfile.TemporaryDirectory() as folder:
        report(
            "kogsro export oparl -o DIR (130 files)",
            median_seconds([*kogsro_command(), "export", "oparl", "-o", folder, "--force"]),
            base=show,
            target=2.0,
        )


@benchmark
def planning() -> None:
    """`sessions`, `new` and `plan` on the example, and on ten more years of planned sessions."""
    import tempfile

    typer_only = median_seconds([sys.executable, "-c", "import typer"])
    kogsro = kogsro_command()
    report("kogsro sessions", median_seconds([*kogsro, "sessions"]), base=typer_only)
    report("kogsro new -o -", median_seconds([*kogsro, "new", "-o", "-"]), base=typer_only)
    report(
        "kogsro plan 2023 --dry-run",
        median_seconds([*kogsro, "plan", "2023", "--dry-run"]),
        base=typer_only,
    )
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name in ("kogsro.yaml", "attendees.yaml"):
            shutil.copy2(ROOT / name, work / name)
        shutil.copytree(ROOT / "agendas", work / "agendas")
        began = time.perf_counter()
        for year in range(2023, 2033):
            subprocess.run(
                [*kogsro, "-w", str(work), "plan", str(year)],
                cwd=ROOT,
                env=environment(),
                check=True,
                capture_output=True,
            )
        each = (time.perf_counter() - began) / 10
        print(f"{'kogsro plan YEAR (writing), 10 years in turn':<44} {each * 1000:8.1f} ms each")
        count = len(list((work / "agendas").glob("*.yaml")))
        for label, args in (
            (f"kogsro sessions ({count} sessions)", ["sessions"]),
            (f"kogsro new -o - ({count} sessions)", ["new", "-o", "-"]),
            (f"kogsro plan 2033 --dry-run ({count} sessions)", ["plan", "2033", "--dry-run"]),
        ):
            report(label, median_seconds([*kogsro, "-w", str(work), *args]), base=typer_only)


@benchmark
def calendar() -> None:
    """The iCalendar feed and the e-mail drafts of the example against `kogsro show`."""
    import tempfile

    show = median_seconds([*kogsro_command(), "show", "2022-06-14"])
    report("kogsro show 2022-06-14", show)
    report(
        "kogsro calendar -o -",
        median_seconds([*kogsro_command(), "calendar", "-o", "-"]),
        base=show,
        target=1.3,
    )
    report(
        "kogsro invite 2022-06-14 -f ics -o -",
        median_seconds([*kogsro_command(), "invite", "2022-06-14", "-f", "ics", "-o", "-"]),
        base=show,
        target=1.3,
    )
    with tempfile.TemporaryDirectory() as folder:
        report(
            "kogsro invite 2022-06-14 -f eml (16 drafts)",
            median_seconds(
                [*kogsro_command(), "invite", "2022-06-14", "-f", "eml", "-o", folder, "--force"]
            ),
            base=show,
            target=2.0,
        )


def measure(
    argv: Sequence[str], *, runs: int = RUNS, cwd: Path = ROOT, warmup: int = 1
) -> tuple[float, int]:
    """Median wall-clock seconds and the largest peak memory (bytes) of a whole process."""
    env = environment()
    times: list[float] = []
    peak = 0
    for index in range(warmup + runs):
        began = time.perf_counter()
        process = subprocess.Popen(
            argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise SystemExit(f"failed ({process.returncode}): {' '.join(argv)} in {cwd}")
        if index >= warmup:
            times.append(time.perf_counter() - began)
            peak = max(peak, usage.ru_maxrss * 1024)  # KiB on Linux
    return statistics.median(times), peak


PLAIN_PARSE = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1], "agendas").glob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


@benchmark
def ledger() -> None:
    """`kogsro decisions --json` on synthetic workspaces (20 decisions and 20 actions per
    session) against merely parsing the same YAML files with PyYAML's C loader."""
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synthetic import generate

    sizes = [int(n) for n in os.environ.get("BENCH_LEDGER_SIZES", "200,1000,2000").split(",")]
    results: dict[int, tuple[float, float]] = {}
    print(f"{'sessions':>8}  {'plain parse':>20}  {'kogsro decisions --json':>24}  ratio")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            work = generate(Path(folder) / str(size), size)
            runs = max(3, RUNS * 200 // (size * 3))
            plain, plain_peak = measure([sys.executable, "-c", PLAIN_PARSE, str(work)], runs=runs)
            took, peak = measure([*kogsro_command(), "decisions", "--json"], runs=runs, cwd=work)
            results[size] = (plain, took)
            ratio = took / plain
            verdict = "ok" if ratio <= 2.0 else "MISSED"
            print(
                f"{size:>8}  {plain * 1000:8.0f} ms {plain_peak / 2**20:6.0f} MiB  "
                f"{took * 1000:11.0f} ms {peak / 2**20:7.0f} MiB  {ratio:5.2f}x "
                f"(target <= 2.00x: {verdict})",
                flush=True,
            )
    if len(sizes) >= 3:
        low, middle, high = sorted(sizes)[0], sorted(sizes)[len(sizes) // 2], sorted(sizes)[-1]
        share = (middle - low) / (high - low)
        for name, index in (("plain parse", 0), ("kogsro decisions --json", 1)):
            expected = results[low][index] + share * (results[high][index] - results[low][index])
            actual = results[middle][index]
            off = actual / expected - 1
            verdict = "ok" if abs(off) <= 0.15 else "MISSED"
            print(
                f"linear, {name}: {middle} sessions took {actual * 1000:.0f} ms, the line "
                f"through {low} and {high} gives {expected * 1000:.0f} ms ({off:+.0%}; "
                f"target within 15%: {verdict})"
            )


PEAKS = """
import json, os, resource, sys
from kogsro.cli import main
sys.argv = ["kogsro", *sys.argv[1:]]
try:
    main()
finally:
    peaks = {name: resource.getrusage(who).ru_maxrss * 1024 for name, who in
             (("self", resource.RUSAGE_SELF), ("workers", resource.RUSAGE_CHILDREN))}
    with open(os.environ["BENCH_PEAKS"], "w") as file:
        json.dump(peaks, file)
"""


def cpu_seconds(
    argv: Sequence[str], *, cwd: Path, env_extra: dict[str, str] | None = None
) -> float:
    """Processor time (user and system) of one whole process, its output thrown away."""
    env = {**environment(), **(env_extra or {})}
    process = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv)} in {cwd}")
    return usage.ru_utime + usage.ru_stime


def table_ratio(label: str, argv: Sequence[str], *, cwd: Path, runs: int) -> None:
    """The terminal table against ``--json`` of the same command, runs interleaved, medians of
    processor time (80 columns, as when the output is piped)."""
    narrow = {"COLUMNS": "80"}
    tables: list[float] = []
    jsons: list[float] = []
    for _ in range(runs):
        jsons.append(cpu_seconds([*argv, "--json"], cwd=cwd, env_extra=narrow))
        tables.append(cpu_seconds(argv, cwd=cwd, env_extra=narrow))
    table, json_ = statistics.median(tables), statistics.median(jsons)
    ratio = table / json_
    print(
        f"{label:<36} table {table:7.2f} s   --json {json_:7.2f} s   {ratio:5.2f}x "
        f"(target <= 1.50x: {'ok' if ratio <= 1.5 else 'MISSED'})",
        flush=True,
    )


def long_agenda(root: Path, items: int) -> Path:
    """A synthetic workspace whose one session has an agenda of ``items`` items: TOPs of five
    items each (the TOP and four sub-items), titles of realistic length, some presenters."""
    from synthetic import CLAUSES, generate

    work = generate(root, 1)
    (session,) = (work / "agendas").glob("*.yaml")
    lines = ["title: Sitzung mit langer Tagesordnung", "date: 2000-01-04", "start: 09:00"]
    lines += ["status: planned", "host: ba-mitte", "items:"]
    for top in range(items // 5):
        clause = CLAUSES[top % len(CLAUSES)]
        lines += [f'  - title: "Beratung {top + 1}: {clause}"', "    duration: 5"]
        lines += ["    presenters: [spk-mitte, spk-pankow]", "    items:"]
        for sub in range(4):
            lines.append(
                f'      - title: "Teil {sub + 1}: {CLAUSES[(top + sub + 1) % len(CLAUSES)]}"'
            )
    session.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return work


@benchmark
def tables() -> None:
    """The terminal tables against `--json`, in processor time: `decisions` and `actions` on
    synthetic workspaces (BENCH_TABLE_SIZES sessions, 1,000 and 5,000 by default; 5,000 take
    minutes), and `show` of an agenda of 25,000 items (BENCH_TABLE_ITEMS)."""
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synthetic import generate

    sizes = [int(n) for n in os.environ.get("BENCH_TABLE_SIZES", "1000,5000").split(",")]
    items = int(os.environ.get("BENCH_TABLE_ITEMS", "25000"))
    with tempfile.TemporaryDirectory() as folder:
        work = long_agenda(Path(folder) / "agenda", items)
        table_ratio(
            f"show, {items} items", [*kogsro_command(), "show", "2000-01-04"], cwd=work, runs=3
        )
        for size in sizes:
            work = generate(Path(folder) / str(size), size)
            runs = max(1, 3000 // size)
            for command in ("decisions", "actions"):
                table_ratio(
                    f"{command}, {size} sessions", [*kogsro_command(), command], cwd=work, runs=runs
                )
            shutil.rmtree(work)


@benchmark
def ledger_pdf() -> None:
    """The task list and the decision log of a synthetic workspace as PDF (PDF/A-2b + PDF/UA-1):
    wall-clock time and peak memory (target: under 300 MB). A long ledger is compiled in parts,
    each in a Typst worker process of its own, while the kogsro process waits, then joins them:
    the figure is the larger of the kogsro process's peak and the largest worker's, and both
    are shown."""
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synthetic import generate

    sizes = [int(n) for n in os.environ.get("BENCH_LEDGER_PDF_SIZES", "200").split(",")]
    runs = int(os.environ.get("BENCH_LEDGER_PDF_RUNS", "1"))
    with tempfile.TemporaryDirectory() as folder:
        peaks_file = Path(folder) / "peaks.json"
        os.environ["BENCH_PEAKS"] = str(peaks_file)
        for size in sizes:
            work = generate(Path(folder) / str(size), size)
            for command in ("actions", "decisions"):
                output = Path(folder) / f"{command}-{size}.pdf"
                argv = [sys.executable, "-c", PEAKS, command, "-f", "pdf", "-o", str(output)]
                took, peak = measure([*argv, "--force"], runs=runs, cwd=work, warmup=0)
                parts = json.loads(peaks_file.read_text())
                megabytes = peak / 1e6
                verdict = "ok" if megabytes < 300 else "MISSED"
                print(
                    f"{size:>5} sessions  kogsro {command:<9} -f pdf  {took:6.1f} s  "
                    f"peak {megabytes:5.0f} MB (kogsro {parts['self'] / 1e6:.0f} MB, largest "
                    f"worker {parts['workers'] / 1e6:.0f} MB; {output.stat().st_size / 1e6:.1f} "
                    f"MB of PDF; target < 300 MB: {verdict})",
                    flush=True,
                )


@benchmark
def documents() -> None:
    """The minutes of the example session as Markdown and as PDF against `kogsro --version`:
    rendered from the same inputs again (served by the document cache, as in scripts and
    builds), and rendered from scratch (KOGSRO_NO_CACHE=1)."""
    import tempfile

    version = median_seconds([*kogsro_command(), "--version"])
    report("kogsro --version", version)
    minutes = [*kogsro_command(), "minutes", "2022-06-14", "-o", "-"]
    with tempfile.TemporaryDirectory() as folder:
        warm = {"KOGSRO_CACHE_DIR": folder}
        for fmt, target in (("md", 1.6), ("pdf", 2.5)):
            seconds = median_seconds([*minutes, "-f", fmt], env_extra=warm)
            report(f"kogsro minutes 2022-06-14 -f {fmt}", seconds, base=version, target=target)
        cold = {"KOGSRO_NO_CACHE": "1", "KOGSRO_CACHE_DIR": folder}
        for fmt in ("md", "pdf"):
            seconds = median_seconds([*minutes, "-f", fmt], env_extra=cold)
            report(f"  rendered from scratch: -f {fmt}", seconds, base=version)


@benchmark
def build_workers() -> None:
    """`kogsro build` of a synthetic workspace from scratch on two workers against one (target:
    at least 1.8x faster on two; meaningful only on a machine with two idle cores)."""
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synthetic import generate

    size = int(os.environ.get("BENCH_BUILD_SESSIONS", "200"))
    runs = int(os.environ.get("BENCH_BUILD_RUNS", "3"))
    with tempfile.TemporaryDirectory() as folder:
        work = generate(Path(folder) / str(size), size)
        env = {"KOGSRO_NO_CACHE": "1", "KOGSRO_CACHE_DIR": str(Path(folder) / "cache")}
        times: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(runs):  # interleaved, each build from an empty output folder
            for jobs in (1, 2):
                shutil.rmtree(work / "out", ignore_errors=True)
                began = time.perf_counter()
                subprocess.run(
                    [*kogsro_command(), "build", "--jobs", str(jobs)],
                    cwd=work,
                    env={**environment(), **env},
                    check=True,
                    capture_output=True,
                )
                times[jobs].append(time.perf_counter() - began)
        one, two = statistics.median(times[1]), statistics.median(times[2])
        files = sum(1 for path in (work / "out").rglob("*") if path.is_file())
        report(f"kogsro build -j 1 ({size} sessions, {files} files)", one)
        speedup = one / two
        print(
            f"{'kogsro build -j 2':<44} {two * 1000:8.1f} ms   {speedup:5.2f}x faster "
            f"(target >= 1.80x: {'ok' if speedup >= 1.8 else 'MISSED'})",
            flush=True,
        )


@benchmark
def long_paragraph() -> None:
    """The minutes PDF of a session whose notes are one long paragraph, against the same text
    in paragraphs of about 100 words, at three sizes: the time must grow with the text, and one
    paragraph may cost at most twice the paragraphs (issue 14)."""
    import random
    import tempfile

    rng = random.Random(14)
    sentence = (
        "Die Bezirke legen fest, dass die Bezirksregionenprofile auf einen einheitlichen "
        "Datenstand gestützt werden; Vertreter*innen berichten über #3 und 50 % der Mittel."
    )
    words = sentence.split()
    for size_kb in (40, 160, 320):
        times = {}
        for shape in ("one paragraph", "paragraphs"):
            text_words: list[str] = []
            while len(" ".join(text_words)) < size_kb * 1000:
                text_words.append(rng.choice(words))
            if shape == "one paragraph":
                notes = " ".join(text_words)
            else:
                notes = "\n\n".join(
                    " ".join(text_words[i : i + 100]) for i in range(0, len(text_words), 100)
                )
            with tempfile.TemporaryDirectory() as folder:
                work = Path(folder)
                for name in ("kogsro.yaml", "attendees.yaml"):
                    shutil.copy2(ROOT / name, work / name)
                (work / "agendas").mkdir()
                session = (
                    "date: 2022-06-14\nstart: 10:00\nstatus: held\nhost: ba-sz\nitems:\n"
                    "  - title: Bericht\n    duration: 10\n    notes: "
                    + json.dumps(notes, ensure_ascii=False)
                    + "\n"
                )
                (work / "agendas" / "2022-06-14.yaml").write_text(session, encoding="utf-8")
                times[shape] = median_seconds(
                    [*kogsro_command(), "minutes", "2022-06-14", "-f", "pdf", "-o", "-"],
                    runs=3,
                    warmup=0,
                    cwd=work,
                    env_extra={"KOGSRO_NO_CACHE": "1"},
                )
        ratio = times["one paragraph"] / times["paragraphs"]
        print(
            f"{size_kb:>4} KB  one paragraph {times['one paragraph']:6.2f} s  "
            f"paragraphs {times['paragraphs']:6.2f} s  ratio {ratio:4.2f} (target <= 2)"
        )


def _attachment_pdf(title: str, pages: int) -> bytes:
    import typst

    page = f"= {title}\n#lorem(350)\n"
    return typst.compile(("#set page(paper: \"a4\")\n" + "#pagebreak()\n".join(
        [page] * pages)).encode(), format="pdf")  # fmt: skip


@benchmark
def pack() -> None:
    """`kogsro pack` of a session with ten 20-page PDF attachments against rendering its
    invitation alone (both from scratch), and the Typst placement against merging the same
    files with pypdf (stamp pages overlaid, an outline entry per attachment), in-process."""
    import io
    import tempfile

    from pypdf import PdfReader, PdfWriter

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name in ("kogsro.yaml", "attendees.yaml"):
            shutil.copy2(ROOT / name, work / name)
        shutil.copytree(ROOT / "agendas", work / "agendas")
        (work / "anlagen").mkdir()
        entries = []
        for n in range(1, 11):
            (work / "anlagen" / f"vorlage-{n}.pdf").write_bytes(_attachment_pdf(f"Vorlage {n}", 20))
            entries.append(f"      - {{file: anlagen/vorlage-{n}.pdf, title: Vorlage {n}}}")
        session = work / "agendas" / "2022-09-13.yaml"
        text = session.read_text(encoding="utf-8").replace(
            "    carried_from: 2022-06-14-top6",
            "    carried_from: 2022-06-14-top6\n    attachments:\n" + "\n".join(entries),
        )
        session.write_text(text, encoding="utf-8")
        cold = {"KOGSRO_NO_CACHE": "1"}
        invite = median_seconds(
            [*kogsro_command(), "invite", "2022-09-13", "-f", "pdf", "-o", "-"],
            cwd=work, env_extra=cold, runs=5,
        )  # fmt: skip
        report("kogsro invite 2022-09-13 -f pdf -o -", invite)
        seconds = median_seconds(
            [*kogsro_command(), "pack", "2022-09-13", "-o", "pack.pdf", "--force"],
            cwd=work, env_extra=cold, runs=5,
        )  # fmt: skip
        size = (work / "pack.pdf").stat().st_size
        pages = len(PdfReader(work / "pack.pdf").pages)
        report(f"kogsro pack (200 attachment pages, {pages} pages, {size / 1e6:.1f} MB)",
               seconds, base=invite)  # fmt: skip

        import typst

        began = time.perf_counter()
        stamps = "\n#pagebreak()\n".join(
            f"#place(top + right, dx: -8mm, dy: 4mm)[Anlage {n}]" for n in range(1, 11)
        )
        stamp_source = ('#set page(paper: "a4", margin: 0pt)\n' + stamps).encode()
        stamp_pdf = PdfReader(io.BytesIO(typst.compile(stamp_source, format="pdf")))
        writer = PdfWriter()
        for n in range(1, 11):
            start = len(writer.pages)
            writer.append(PdfReader(work / "anlagen" / f"vorlage-{n}.pdf"), import_outline=False)
            for page in writer.pages[start:]:
                page.merge_page(stamp_pdf.pages[n - 1], over=True)
            writer.add_outline_item(title=f"Anlage {n}", page_number=start)
        merged = io.BytesIO()
        writer.write(merged)
        report(f"  pypdf: merge and stamp the 200 pages ({merged.tell() / 1e6:.1f} MB)",
               time.perf_counter() - began)  # fmt: skip
        began = time.perf_counter()
        source = "".join(
            f'#page(width: auto, height: auto, margin: 0pt)[#box[#image("anlagen/vorlage-{n}.pdf",'
            f" page: {p})#place(top + right, dx: -8mm, dy: 4mm)[Anlage {n}]]]\n"
            for n in range(1, 11)
            for p in range(1, 21)
        )
        placed = typst.compile(source.encode(), root=str(work), format="pdf")
        report(f"  Typst: place and stamp the 200 pages ({len(placed) / 1e6:.1f} MB)",
               time.perf_counter() - began)  # fmt: skip


TOGGLE_TITLE = """
import sys
from pathlib import Path
path = Path(sys.argv[1])
text = path.read_text(encoding="utf-8")
old, new = ("title: ", "title: Geändert – ") if "title: Geändert – " not in text else (
    "title: Geändert – ", "title: ")
path.write_text(text.replace(old, new, 1), encoding="utf-8")
"""


@benchmark
def site() -> None:
    """`kogsro site` into an empty folder, again with nothing changed, and after changing one
    session's title, against `kogsro show`: on the example and on 52 synthetic sessions."""
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synthetic import generate

    kogsro = " ".join(kogsro_command())
    with tempfile.TemporaryDirectory() as folder:
        example = Path(folder) / "example"
        example.mkdir()
        for name in ("kogsro.yaml", "attendees.yaml"):
            shutil.copy(ROOT / name, example / name)
        shutil.copytree(ROOT / "agendas", example / "agendas")
        synthetic = generate(Path(folder) / "synthetic", 52, per_session=5)
        for label, work, session, runs, env in (
            ("example", example, "2022-09-13", 5, {}),
            ("52 sessions", synthetic, "2000-06-27", 3, {"KOGSRO_TODAY": "2001-01-01"}),
        ):
            show = median_seconds(
                [*kogsro_command(), "show", session], cwd=work, runs=runs, env_extra=env
            )
            report(f"{label}: kogsro show {session}", show)
            fresh = f"rm -rf out/site .kogsro/site && {kogsro} site"
            report(
                f"{label}: kogsro site (empty folder)",
                median_seconds(["bash", "-c", fresh], cwd=work, runs=runs, env_extra=env),
                base=show,
            )
            report(
                f"{label}: kogsro site (nothing changed)",
                median_seconds([*kogsro_command(), "site"], cwd=work, runs=runs, env_extra=env),
                base=show,
            )
            toggle = f"{sys.executable} -c '{TOGGLE_TITLE}' agendas/{session}.yaml"
            report(
                f"{label}: kogsro site (one title changed)",
                median_seconds(
                    ["bash", "-c", f"{toggle} && {kogsro} site"], cwd=work, runs=runs, env_extra=env
                ),
                base=show,
            )


def main(names: Sequence[str]) -> int:
    chosen = names or list(BENCHMARKS)
    unknown = [n for n in chosen if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
        return 2
    if shutil.which("kogsro") is None and not Path(sys.executable).with_name("kogsro").exists():
        print("note: kogsro is not installed in this environment; timing `python -m kogsro`")
    for name in chosen:
        print(f"# {name}: {BENCHMARKS[name].__doc__}")
        BENCHMARKS[name]()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
