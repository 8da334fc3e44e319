"""Near-duplicate articles (syndicated copies): MinHash signatures over word shingles, LSH band keys.

A syndicated copy differs from its original by a header, a footer, an edited sentence; their sets of
word 5-shingles (five consecutive lower-cased words) still overlap mostly. MinHash estimates that
overlap (Jaccard similarity) from ``num_perm`` minima of hashed shingles; banding the signature gives
keys under which similar articles collide, so the store finds candidates without comparing pairs.

Written here rather than taken from datasketch (not a dependency) because the signatures are stored:
they must not change between processes, platforms or library versions. So nothing uses Python's
``hash()`` (salted per process) or a seeded random generator (whose stream numpy may change): shingles
are hashed with CRC-32 and the permutation parameters come from BLAKE2b of their index.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from functools import lru_cache
from hashlib import blake2b

import numpy as np
import numpy.typing as npt

SHINGLE_WORDS = 5
NUM_PERM = 64
BANDS = 16  # 16 bands of 4 rows: pairs at Jaccard 0.8 collide in some band with probability > 0.999
_EMPTY = 0xFFFFFFFF
_WORD = re.compile(r"\w+")

Signature = tuple[int, ...]


def _parameter(name: str, index: int, bits: int) -> int:
    digest = blake2b(f"dealgraph-minhash-{name}-{index}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % (1 << bits)


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    """``a`` (odd) and ``b`` of the multiply-shift hashes ``h -> ((a*h + b) mod 2**64) >> 32``.

    uint64 arithmetic wraps modulo 2**64 by itself. (A small ``a`` with ``mod p`` would barely wrap,
    and every "permutation" would then pick nearly the same minimum.)"""
    a = np.array([_parameter("a", i, 64) | 1 for i in range(num_perm)], dtype=np.uint64)
    b = np.array([_parameter("b", i, 64) for i in range(num_perm)], dtype=np.uint64)
    return a, b


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The distinct word ``size``-grams of ``text`` (lower-cased); a shorter text is one shingle."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def shingle_signature(text: str, num_perm: int = NUM_PERM) -> Signature:
    """The MinHash signature of ``text``'s word 5-shingles: ``num_perm`` 32-bit integers."""
    found = shingles(text)
    if not found:
        return (_EMPTY,) * num_perm
    hashes = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in found), dtype=np.uint64, count=len(found))
    a, b = _permutations(num_perm)
    permuted = (hashes[:, None] * a[None, :] + b[None, :]) >> np.uint64(32)
    minima = permuted.min(axis=0)
    return tuple(int(v) for v in minima)


def band_keys(signature: Signature, bands: int = BANDS) -> list[str]:
    """One key per band of rows (``"07-<16 hex>"``); two signatures that share a key are candidates."""
    if not signature or len(signature) % bands:
        raise ValueError(f"a signature of {len(signature)} values cannot be cut into {bands} bands")
    rows = len(signature) // bands
    keys = []
    for band in range(bands):
        chunk = signature[band * rows : (band + 1) * rows]
        data = b"".join(v.to_bytes(4, "big") for v in chunk)
        keys.append(f"{band:02d}-{blake2b(data, digest_size=8).hexdigest()}")
    return keys


def similarity(sig_a: Signature, sig_b: Signature) -> float:
    """The estimated Jaccard similarity of two signatures' shingle sets: the share of equal minima."""
    if len(sig_a) != len(sig_b) or not sig_a:
        raise ValueError(f"signatures of different lengths: {len(sig_a)} and {len(sig_b)}")
    return sum(x == y for x, y in zip(sig_a, sig_b, strict=True)) / len(sig_a)


class NearDuplicateIndex:
    """Signatures held in memory, found again through their band keys (the store keeps the same keys
    in its ``signatures`` table).

    The ingest engines do not use it: their index of articles in flight is
    ``pipeline.admission.InFlight`` (which also forgets, and breaks ties by admission order), and stored
    articles are found through the store's band table. It serves the tests that measure near-duplicate
    detection over a corpus (``tests/test_clean_dedupe.py``)."""

    def __init__(self, bands: int = BANDS) -> None:
        self.bands = bands
        self._buckets: defaultdict[str, list[str]] = defaultdict(list)
        self._signatures: dict[str, Signature] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, article_id: str, signature: Signature) -> None:
        if article_id in self._signatures:
            return
        self._signatures[article_id] = signature
        for key in band_keys(signature, self.bands):
            self._buckets[key].append(article_id)

    def candidates(self, signature: Signature) -> list[str]:
        """Ids sharing at least one band key with ``signature``, by the first band they share, then in the
        order they were added."""
        seen: dict[str, None] = {}
        for key in band_keys(signature, self.bands):
            for article_id in self._buckets.get(key, ()):
                seen.setdefault(article_id, None)
        return list(seen)

    def find(self, signature: Signature, threshold: float = 0.8) -> tuple[str, float] | None:
        """The most similar indexed article at ``threshold`` or above (the first candidate on a tie)."""
        best: tuple[str, float] | None = None
        for article_id in self.candidates(signature):
            score = similarity(signature, self._signatures[article_id])
            if score >= threshold and (best is None or score > best[1]):
                best = (article_id, score)
        return best
