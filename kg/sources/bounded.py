"""Read an input file within a size limit: a regular file only (never a FIFO, device or directory), and no
larger than --max-file-size, $KG_MAX_FILE_SIZE or 64 MiB."""

from __future__ import annotations

import contextlib
import contextvars
import os
import stat
from collections.abc import Iterator
from pathlib import Path

DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024
_max_file_bytes: contextvars.ContextVar[int | None] = contextvars.ContextVar("max_file_bytes", default=None)


class FileRefused(Exception):
    """A file that is not read: not a regular file, or larger than the limit. The message names no content."""


def parse_size(text: str) -> int:
    """'64M', '1G', '500k' or a byte count as bytes (ValueError otherwise)."""
    t = text.strip().upper().removesuffix("B").removesuffix("I")
    scale = {"K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}.get(t[-1:], 1)
    value = int(float(t[:-1] if scale > 1 else t) * scale)
    if value <= 0:
        raise ValueError(text)
    return value


def max_file_bytes() -> int:
    """The size limit of one input file: the one `file_limit` set, else $KG_MAX_FILE_SIZE, else 64 MiB."""
    limit = _max_file_bytes.get()
    if limit is not None:
        return limit
    env = os.environ.get("KG_MAX_FILE_SIZE")
    if env:
        try:
            return parse_size(env)
        except ValueError:
            raise FileRefused(f"KG_MAX_FILE_SIZE must be a size such as 64M or 1G, not {env[:40]!r}") from None
    return DEFAULT_MAX_FILE_BYTES


@contextlib.contextmanager
def file_limit(limit: int | None) -> Iterator[None]:
    """Read input files with this size limit (None: the default) while the block runs."""
    token = _max_file_bytes.set(limit)
    try:
        yield
    finally:
        _max_file_bytes.reset(token)


def read_bounded(path: Path) -> bytes:
    """The bytes of a regular file of at most `max_file_bytes()`; FileRefused for a FIFO, a device, a directory
    or a larger file (opened without blocking, so a FIFO swapped in cannot hang the reader)."""
    limit = max_file_bytes()
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = ("a FIFO" if stat.S_ISFIFO(info.st_mode) else "a directory" if stat.S_ISDIR(info.st_mode)
                    else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
                    else "a socket" if stat.S_ISSOCK(info.st_mode) else "not a regular file")
            raise FileRefused(f"{kind}, not a regular file")
        if info.st_size > limit:
            raise FileRefused(_too_large(info.st_size, limit))
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(limit + 1)
        if len(data) > limit:  # grew while being read
            raise FileRefused(_too_large(len(data), limit))
        return data
    finally:
        os.close(fd)


def _too_large(size: int, limit: int) -> str:
    return (f"{size} bytes, larger than the limit of {limit} bytes (raise it with --max-file-size or "
            "KG_MAX_FILE_SIZE)")
