"""Hand freed memory back to the operating system (one process serves every visitor).

glibc's allocator raises its mmap threshold each time a large block is freed (up to
32 MB), after which arrays of a few MB come from the heap and stay in the process's
resident memory when freed: a server that once parsed an upload or ran a big study keeps
that memory for good. A fixed threshold keeps the blocks of 1 MiB or more mmapped, so
freeing one returns it at once. Elsewhere than glibc this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

M_MMAP_THRESHOLD = -3  # mallopt's parameter number in glibc's malloc.h
MMAP_THRESHOLD_BYTES = 1 << 20


@functools.cache  # once per process: the router calls it on every run
def return_freed_memory(threshold: int = MMAP_THRESHOLD_BYTES) -> bool:
    """Fix glibc's mmap threshold at ``threshold`` bytes; True if it was set.

    Examples
    --------
    >>> return_freed_memory() in (True, False)
    True
    """
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name)
        return bool(libc.mallopt(M_MMAP_THRESHOLD, int(threshold)))
    except (OSError, AttributeError):  # not glibc: nothing to tune
        return False
