"""Helpers for the speech tests: how loud a PCM buffer is."""

from __future__ import annotations

import array
import math
import sys


def rms(pcm: bytes) -> float:
    """Root mean square of 16-bit little-endian samples (0.0 for none)."""
    samples = array.array("h")
    samples.frombytes(pcm)
    if sys.byteorder == "big":
        samples.byteswap()
    if not samples:
        return 0.0
    return math.sqrt(sum(s * s for s in samples) / len(samples))
