"""Runs one engine process and measures it from the outside: wall time, peak memory, CPU time and I/O.

The engine runs under GNU time (`/usr/bin/time`), which forks it from a small process and reports its
maximum resident set size and user/system CPU time. (Measuring the harness's own child directly would not
do: a child spawned from a large Python process inherits that process's resident size as its peak, since
Linux counts the pre-exec image in ru_maxrss.) Wall time runs from just before the spawn to the exit.
I/O comes from /proc/<pid>/io of the time process, read after it has exited but before it is reaped (a
zombie keeps its counters, and they include the engine it reaped): `rchar` is every byte returned by
read()/pread() calls, cached or not; `read_bytes` is what the kernel fetched from the block device on the
processes' behalf (non-zero only for pages that were not cached).
"""
from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Measurement:
    wall_seconds: float
    max_rss_bytes: int | None
    cpu_seconds: float | None
    rchar: int | None
    read_bytes: int | None
    exit_code: int
    timed_out: bool
    stderr: str


GNU_TIME = Path("/usr/bin/time")


def run_measured(argv: list[str], stdout_path: Path, timeout: float, cwd: Path | None = None,
                 env: dict | None = None) -> Measurement:
    """Runs argv with stdout to stdout_path; kills it (and what it started) after timeout seconds."""
    stderr_path = stdout_path.with_suffix(stdout_path.suffix + ".stderr")
    usage_path = stdout_path.with_suffix(stdout_path.suffix + ".usage")
    usage_path.unlink(missing_ok=True)
    wrapped = [str(GNU_TIME), "-f", "%M %U %S", "-o", str(usage_path), *argv] if GNU_TIME.exists() else argv
    with open(stdout_path, "wb") as stdout, open(stderr_path, "wb") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(wrapped, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, cwd=cwd,
                                   env=env, start_new_session=True)
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            # Wait for the exit without reaping, so /proc/<pid>/io still answers.
            os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
            wall = time.perf_counter() - started
            counters = read_io_counters(process.pid)
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
    max_rss, cpu = None, None
    try:
        # GNU time writes "Command exited with non-zero status N" first when the engine failed.
        fields = usage_path.read_text().strip().splitlines()[-1].split()
        max_rss, cpu = int(fields[0]) * 1024, float(fields[1]) + float(fields[2])
    except (OSError, IndexError, ValueError):
        if not GNU_TIME.exists():
            cpu = usage.ru_utime + usage.ru_stime
    return Measurement(wall_seconds=wall, max_rss_bytes=max_rss, cpu_seconds=cpu,
                       rchar=counters.get("rchar"), read_bytes=counters.get("read_bytes"),
                       exit_code=process.returncode, timed_out=timed_out.is_set(),
                       stderr=stderr_path.read_text(errors="replace"))


def read_io_counters(pid: int) -> dict[str, int]:
    try:
        text = Path(f"/proc/{pid}/io").read_text()
    except OSError:
        return {}
    counters = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        counters[key.strip()] = int(value)
    return counters


def evict_from_page_cache(files: list[Path]) -> None:
    """Drops the files' pages from the OS page cache (POSIX_FADV_DONTNEED), so the next reader fetches them
    from the device. Needs no privileges and touches only these files, unlike drop_caches."""
    for path in files:
        try:
            descriptor = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(descriptor)
