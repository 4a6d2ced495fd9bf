"""Progress bars on stderr (tqdm) for long work: loads, exports, generation, server start.

A `Progress` is a callable `progress(n)` (n more records done), the protocol the API's functions take; it
may be told the total first (`set_total`) and what is being done (`stage`). Used as a context manager it also
shows work that has no count (reading files, resolving jars, a server booting): when nothing has been drawn
after `delay` seconds, a bar with the stage and the elapsed time appears and keeps ticking until the work ends
or counts arrive. It draws nothing unless stderr is a terminal and `quiet` is off, so pipes, CI logs and `-q`
stay silent, and a counted job draws only past `threshold` records, so small jobs stay silent too.
"""

from __future__ import annotations

import sys
import threading
from typing import IO, Any

ELAPSED = "{desc} ({elapsed})"  # a bar with nothing counted yet: what is being done, for how long
THRESHOLD = 5_000  # records; below this a counted job is too quick to need a bar
DELAY = 2.0  # seconds of work without a bar before the elapsed-time bar appears
TICK = 0.5  # seconds between redraws of the elapsed time


class Progress:
    def __init__(self, desc: str, *, unit: str = "rows", total: int | None = None, quiet: bool = False,
                 threshold: int = THRESHOLD, stream: IO[str] | None = None, delay: float | None = None):
        self.desc = desc
        self.unit = unit
        self.total = total
        self.done = 0
        self.threshold = threshold
        self.delay = DELAY if delay is None else delay
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = not quiet and _is_terminal(self.stream)
        self._bar: Any = None
        self._lock = threading.Lock()
        self._finished = threading.Event()
        self._ticker: threading.Thread | None = None

    def set_total(self, total: int) -> None:
        with self._lock:
            self.total = total
            if self._bar is not None:
                self._bar.total = total
                self._bar.bar_format = None
                self._bar.refresh()

    def stage(self, desc: str) -> None:
        """Say what is being done now (the bar's label)."""
        with self._lock:
            self.desc = desc
            if self._bar is not None:
                self._bar.set_description_str(desc)

    def __call__(self, n: int) -> None:
        with self._lock:
            self.done += n
            if not self.enabled:
                return
            if self._bar is None:
                if max(self.total or 0, self.done) <= self.threshold:
                    return
                self._open(self.done - n)
            self._bar.bar_format = None
            self._bar.update(n)

    def _open(self, initial: int) -> None:
        from tqdm import tqdm

        counted = self.total is not None or initial > 0
        self._bar = tqdm(total=self.total, desc=self.desc, unit=f" {self.unit}", unit_scale=True,
                         file=self.stream, leave=False, dynamic_ncols=True, initial=initial,
                         bar_format=None if counted else ELAPSED)

    def _tick(self) -> None:
        """After `delay` seconds without a bar, open one; redraw it (the elapsed time) until the work ends."""
        if self._finished.wait(self.delay):
            return
        with self._lock:
            if self._bar is None:
                self._open(self.done)
        while not self._finished.wait(TICK):
            with self._lock:
                if self._bar is not None:
                    self._bar.refresh()

    def close(self) -> None:
        self._finished.set()
        if self._ticker is not None:
            self._ticker.join()
            self._ticker = None
        with self._lock:
            if self._bar is not None:
                self._bar.close()
                self._bar = None

    def __enter__(self) -> Progress:
        if self.enabled and self._ticker is None:
            self._ticker = threading.Thread(target=self._tick, name="kg-progress", daemon=True)
            self._ticker.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def stage(progress: Any, desc: str) -> None:
    """Tell `progress` (any callable the API was given, or None) what is being done, if it can show it."""
    if callable(getattr(progress, "stage", None)):
        progress.stage(desc)


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
