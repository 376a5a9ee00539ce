"""Find perceptual hashes within a Hamming distance of a query, without scanning them all.

Multi-index hashing (Norouzi, Punjani and Fleet, "Fast Search in Hamming Space with Multi-Index
Hashing", CVPR 2012): split each 64-bit hash into ``m`` chunks of ``64 / m`` bits and index each
chunk in its own table. By the pigeonhole principle, two hashes at most ``d`` bits apart differ
in at most ``d // m`` bits in at least one chunk; so probing, for each chunk, every value within
``d // m`` bits of the query's chunk finds every true neighbour. Candidates are then verified
with a popcount. With 4 chunks of 16 bits and d = 8, a query probes 4 x 137 buckets; among
100,000 random hashes each bucket holds about 1.5 entries, so a few hundred candidates are
checked instead of 100,000.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

__all__ = ["NearDuplicateIndex"]


@lru_cache(maxsize=64)
def _masks(width: int, radius: int) -> tuple[int, ...]:
    """Every ``width``-bit value with at most ``radius`` bits set (XOR masks to probe)."""
    masks = [0]
    for count in range(1, min(radius, width) + 1):
        for bits in itertools.combinations(range(width), count):
            mask = 0
            for bit in bits:
                mask |= 1 << bit
            masks.append(mask)
    return tuple(masks)


class NearDuplicateIndex:
    """An in-memory multi-index hash table of 64-bit perceptual hashes.

    Example:
        >>> index = NearDuplicateIndex()
        >>> index.add(1, 0xFFFF_0000_FFFF_0000)
        >>> index.query(0xFFFF_0000_FFFF_0001, 8)
        [(1, 1)]
    """

    def __init__(self, *, bits: int = 64, chunks: int = 4) -> None:
        """Create an empty index.

        Args:
            bits: Hash width in bits.
            chunks: Number of tables; ``bits`` must divide evenly. More chunks mean smaller
                probe radii per chunk but more tables to probe; 4 x 16 bits suits d <= 11.

        Raises:
            ValueError: ``bits`` is not a positive multiple of ``chunks``.
        """
        if bits <= 0 or chunks <= 0 or bits % chunks:
            raise ValueError(f"{bits} bits cannot be split into {chunks} equal chunks")
        self._bits = bits
        self._width = bits // chunks
        self._chunk_mask = (1 << self._width) - 1
        self._tables: list[dict[int, list[int]]] = [{} for _ in range(chunks)]
        self._ids: list[int] = []
        self._values: list[int] = []

    def __len__(self) -> int:
        """The number of hashes added."""
        return len(self._values)

    def add(self, item_id: int, value: int) -> None:
        """Index one hash.

        Args:
            item_id: The caller's id for it (an evidence id); ids may repeat.
            value: The hash, ``0 <= value < 2**bits``.

        Raises:
            ValueError: ``value`` does not fit in ``bits`` bits.
        """
        if not 0 <= value < 1 << self._bits:
            raise ValueError(f"hash {value:#x} does not fit in {self._bits} bits")
        position = len(self._values)
        self._ids.append(item_id)
        self._values.append(value)
        for number, table in enumerate(self._tables):
            key = (value >> (number * self._width)) & self._chunk_mask
            table.setdefault(key, []).append(position)

    def query(self, value: int, max_distance: int) -> list[tuple[int, int]]:
        """Every indexed hash within ``max_distance`` bits of ``value``.

        Args:
            value: The query hash.
            max_distance: The largest Hamming distance to return (inclusive), >= 0.

        Returns:
            (item id, distance) pairs, nearest first, then by id.

        Raises:
            ValueError: ``max_distance`` is negative.
        """
        if max_distance < 0:
            raise ValueError("max_distance must be zero or more")
        radius = max_distance // len(self._tables)
        masks = _masks(self._width, radius)
        values = self._values
        if len(masks) * len(self._tables) >= len(values):
            # Probing would cost more than looking at everything (tiny index or a huge radius).
            positions: set[int] | range = range(len(values))
        else:
            positions = set()
            for number, table in enumerate(self._tables):
                key = (value >> (number * self._width)) & self._chunk_mask
                get = table.get
                for mask in masks:
                    bucket = get(key ^ mask)
                    if bucket is not None:
                        positions.update(bucket)
        found: list[tuple[int, int]] = []
        for position in positions:
            distance = (values[position] ^ value).bit_count()
            if distance <= max_distance:
                found.append((self._ids[position], distance))
        found.sort(key=lambda pair: (pair[1], pair[0]))
        return found
