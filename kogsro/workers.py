"""Worker processes that end with the process that started them.

``kogsro build`` renders in a pool of worker processes, and a long PDF is compiled in parts,
each in a Python process of its own. None of them may outlive the command that started it: a
``kill -9`` of ``kogsro build`` or of ``kogsro actions -f pdf`` must not leave a process behind
that goes on compiling or writing.
"""

from __future__ import annotations

import os
import sys
import threading

PARENT_POLL_SECONDS = 0.2


def die_with_parent(parent_pid: int) -> None:
    """Make this worker process end when the process ``parent_pid`` (``kogsro build``, or the
    command compiling a long PDF) ends, even by ``kill -9``.

    On Linux the kernel sends the worker SIGKILL when its parent dies (``PR_SET_PDEATHSIG``);
    everywhere, a thread also checks a few times a second that the parent is still
    there and the worker has not been handed to another parent, and ends the worker if not.
    A killed worker may leave a temporary file of the write it was doing, never a partial
    output (writes are atomic); the next build removes such temporary files.
    """
    start_parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - the thread below still watches
            pass
    watcher = threading.Thread(
        target=_watch_parent, args=(parent_pid, start_parent), name="kogsro-parent", daemon=True
    )
    watcher.start()
    if not _parent_alive(parent_pid, start_parent):  # it died before the watch began
        os._exit(1)


def _parent_alive(parent_pid: int, start_parent: int) -> bool:
    if os.getppid() != start_parent:
        return False  # handed to init or a subreaper: the parent is gone
    try:
        os.kill(parent_pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, though not ours to signal
    return True


def _watch_parent(parent_pid: int, start_parent: int) -> None:
    import time

    while _parent_alive(parent_pid, start_parent):
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)
