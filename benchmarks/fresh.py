"""A fresh render (after an edit: the document cache off) against `kogsro --version` and the floor.

    python benchmarks/fresh.py             # BENCH_RUNS=31 for steadier medians

Times whole processes, interleaved (one run of each command per round, so a busy machine
slows them all alike), and prints the median of each with its ratio to `kogsro --version`:
the minutes of the example session as Markdown and as PDF (``KOGSRO_NO_CACHE=1``), `kogsro
check`, and beside them the floor (:mod:`floor`): a script that imports only typer, yaml and
jinja2, parses the same YAML, renders and compiles the same bytes. The floor's output is
compared with kogsro's before timing, byte for byte.

Where pandoc and xelatex are installed (Debian: pandoc, texlive-xetex), it also times the
common way to the same content as PDF, ``pandoc minutes.md --pdf-engine=xelatex``, on kogsro's
Markdown minutes, and prints the PDF render's ratio to it (target: at most 0.12x).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
RUNS = int(os.environ.get("BENCH_RUNS", "21"))
SESSION = "2022-06-14"
EPOCH = "1654034400"

TARGETS = {"minutes -f md": 2.0, "minutes -f pdf": 2.8, "check": 1.8}
PANDOC_TARGET = 0.12

# Runs the command line in this process with typst's compile function wrapped, to keep the
# Typst source kogsro hands it (title and language preamble included).
CAPTURE_TYPST = """
import sys, typst
seen = []
real = typst.compile_with_warnings
def keep(source, *args, **kwargs):
    seen.append(source)
    return real(source, *args, **kwargs)
typst.compile_with_warnings = keep
from kogsro.cli import main
sys.argv = ["kogsro", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
open(OUT, "wb").write(seen[-1])
"""


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the byte-code cache works as it does for users
    env.update({"KOGSRO_NO_CACHE": "1", "KOGSRO_TODAY": "2022-06-01", "SOURCE_DATE_EPOCH": EPOCH})
    return env


def kogsro() -> list[str]:
    script = Path(sys.executable).with_name("kogsro")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kogsro"]


def run(argv: list[str], env: dict[str, str]) -> bytes:
    return subprocess.run(argv, cwd=ROOT, env=env, check=True, capture_output=True).stdout


def main() -> int:
    env = environment()
    minutes = [*kogsro(), "minutes", SESSION, "-o", "-"]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env["KOGSRO_CACHE_DIR"] = str(work / "cache")
        # the floor's templates: the exact text kogsro's templates produce for the session
        (work / "minutes.md").write_bytes(
            b"{% raw %}" + run([*minutes, "-f", "md"], env) + b"{% endraw %}"
        )
        typst_file = work / "minutes.typ"
        code = CAPTURE_TYPST.replace("OUT", repr(str(typst_file)))
        run([sys.executable, "-c", code, "minutes", SESSION, "-f", "pdf", "-o", "-"], env)
        typst_file.write_bytes(b"{% raw %}" + typst_file.read_bytes() + b"{% endraw %}")
        floor = [sys.executable, str(HERE / "floor.py"), str(ROOT), SESSION]
        commands = {
            "--version": [*kogsro(), "--version"],
            "minutes -f md": [*minutes, "-f", "md"],
            "minutes -f pdf": [*minutes, "-f", "pdf"],
            "check": [*kogsro(), "check"],
            "floor md": [*floor, str(work / "minutes.md"), "md"],
            "floor pdf": [*floor, str(work / "minutes.typ"), "pdf", "--epoch", EPOCH],
        }
        if shutil.which("pandoc") and shutil.which("xelatex"):
            (work / "pandoc.md").write_bytes(run([*minutes, "-f", "md"], env))
            commands["pandoc+xelatex"] = [
                "pandoc", str(work / "pandoc.md"), "--pdf-engine=xelatex",
                "-V", "lang=de", "-o", str(work / "pandoc.pdf"),
            ]  # fmt: skip
        else:
            print("pandoc or xelatex not installed: no comparison with pandoc+xelatex")
        for fmt in ("md", "pdf"):
            if run(commands[f"floor {fmt}"], env) != run(commands[f"minutes -f {fmt}"], env):
                print(f"the floor's {fmt} differs from kogsro's: fix benchmarks/floor.py")
                return 1
        wall: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for round_ in range(RUNS + 2):
            for name, argv in commands.items():
                seconds, cpu_seconds = timed(argv, env)
                if round_ >= 2:  # two rounds to warm the file system and byte-code caches
                    wall[name].append(seconds)
                    cpu[name].append(cpu_seconds)
    print(f"fresh render, cache off; median of {RUNS} interleaved runs; ratio to --version")
    print(f"  {'':<18} {'wall':>9} {'ratio':>6}  {'CPU':>9} {'ratio':>6}")
    base_wall = statistics.median(wall["--version"])
    base_cpu = statistics.median(cpu["--version"])
    for name in commands:
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        line = f"  {name:<18} {w * 1000:6.1f} ms {w / base_wall:5.2f}x  "
        line += f"{c * 1000:6.1f} ms {c / base_cpu:5.2f}x"
        if name in TARGETS:
            target = TARGETS[name]
            ok = "ok" if w / base_wall <= target else "MISSED"
            line += f"   target <= {target:.1f}x: {ok}"
        print(line)
    if "pandoc+xelatex" in wall:
        pandoc = statistics.median(wall["pandoc+xelatex"])
        ratio = statistics.median(wall["minutes -f pdf"]) / pandoc
        ok = "ok" if ratio <= PANDOC_TARGET else "MISSED"
        print(f"  minutes -f pdf / pandoc+xelatex: {ratio:.2f}x   target <= {PANDOC_TARGET}x: {ok}")
    return 0


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user and system) of one whole process."""
    began = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv)}")
    return seconds, usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    raise SystemExit(main())
