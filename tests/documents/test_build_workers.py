"""The build's worker processes end with the build, even when it is killed with SIGKILL
(issue 14, defect 4)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kogsro.workers import _parent_alive

POOL = """
import os, sys, time
from concurrent.futures import ProcessPoolExecutor
import multiprocessing
from kogsro.workers import die_with_parent

def pid(_):
    time.sleep(0.3)
    return os.getpid()

if __name__ == "__main__":
    context = multiprocessing.get_context(sys.argv[1])
    pool = ProcessPoolExecutor(2, mp_context=context, initializer=die_with_parent,
                               initargs=(os.getpid(),))
    pids = set(pool.map(pid, range(4)))
    print(" ".join(map(str, sorted(pids))), flush=True)
    for _ in range(2):
        pool.submit(time.sleep, 60)
    time.sleep(60)
"""


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has ended


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("method", ["fork", "forkserver", "spawn"])
def test_workers_end_when_the_build_is_killed(tmp_path: Path, method: str) -> None:
    script = tmp_path / "pool.py"
    script.write_text(POOL)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    parent = subprocess.Popen(
        [sys.executable, str(script), method], stdout=subprocess.PIPE, text=True, env=env
    )
    assert parent.stdout is not None
    workers = [int(p) for p in parent.stdout.readline().split()]
    assert workers and all(_running(p) for p in workers)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while any(_running(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [p for p in workers if _running(p)], "orphaned workers still running"


def test_the_portable_watch_sees_a_dead_parent() -> None:
    done = subprocess.run([sys.executable, "-c", "pass"], check=True)
    assert done.returncode == 0
    gone = 2**22 + 12345  # above the default pid_max: no such process
    assert not _parent_alive(gone, os.getppid())
    assert not _parent_alive(os.getpid(), os.getppid() + 1)  # handed to another parent
    assert _parent_alive(os.getpid(), os.getppid())
