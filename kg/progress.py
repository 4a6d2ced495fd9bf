"""Progress bars on stderr (tqdm) for long loads, exports and generation.

A `Progress` is a callable `progress(n)` (n more records done), the protocol the API's functions take; it
may be told the total first (`set_total`). It draws nothing unless stderr is a terminal, `quiet` is off and the
work is larger than `threshold` records, so small jobs, pipes, CI logs and `-q` stay silent.
"""

from __future__ import annotations

import sys
from typing import IO, Any

THRESHOLD = 5_000  # records; below this a job is too quick to need a bar


class Progress:
    def __init__(self, desc: str, *, unit: str = "rows", total: int | None = None, quiet: bool = False,
                 threshold: int = THRESHOLD, stream: IO[str] | None = None):
        self.desc = desc
        self.unit = unit
        self.total = total
        self.done = 0
        self.threshold = threshold
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = not quiet and _is_terminal(self.stream)
        self._bar: Any = None

    def set_total(self, total: int) -> None:
        self.total = total
        if self._bar is not None:
            self._bar.total = total
            self._bar.refresh()

    def __call__(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        if self._bar is None:
            if max(self.total or 0, self.done) <= self.threshold:
                return
            from tqdm import tqdm

            self._bar = tqdm(total=self.total, desc=self.desc, unit=f" {self.unit}", unit_scale=True,
                             file=self.stream, leave=False, dynamic_ncols=True, initial=self.done - n)
        self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
