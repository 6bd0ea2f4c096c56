"""No worker outlives the command that started it (kogsro.workers): a part of a long PDF that
is being compiled in a process of its own ends when the command is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The command: starts a compile worker as kogsro does for a part of a long PDF, hands it a
# source that takes several seconds to compile, prints the worker's pid and waits for it.
COMMAND = """
import os, pickle, subprocess, sys
rows = "".join(f"[Zeile {n}], [{'Text ' * 30}], " for n in range(20000))
source = "#table(columns: 2, " + rows + ")"
options = {"source_name": "slow.typ", "title": "Slow", "lang": "de", "timestamp": 0}
worker = subprocess.Popen(
    [sys.executable, "-P", "-m", "kogsro.formats.pdf", str(os.getpid())],
    stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
)
worker.stdin.write(pickle.dumps((source, options, {})))
worker.stdin.close()
print(worker.pid, flush=True)
worker.wait()
"""


def _running(pid: int) -> bool:
    try:
        with Path(f"/proc/{pid}/stat").open(encoding="ascii") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_part_worker_ends_when_the_command_is_killed() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = subprocess.Popen(
        [sys.executable, "-c", COMMAND], stdout=subprocess.PIPE, text=True, env=env
    )
    assert command.stdout is not None
    worker = int(command.stdout.readline())
    time.sleep(1.0)  # the worker compiles (alone that takes several seconds)
    assert _running(worker)
    os.kill(command.pid, signal.SIGKILL)
    command.wait()
    deadline = time.monotonic() + 2
    while _running(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(worker), "the compile worker outlived the killed command"
