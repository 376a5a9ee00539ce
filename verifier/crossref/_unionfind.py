"""A small union-find (disjoint sets) over hashable keys, with path halving and union by size."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class UnionFind(Generic[K]):
    """Disjoint sets: :meth:`union` merges, :meth:`find` names a set by its root."""

    def __init__(self, keys: Iterable[K] = ()) -> None:
        """Start with each key in a set of its own.

        Args:
            keys: Initial keys (more are added on first use).
        """
        self._parent: dict[K, K] = {}
        self._size: dict[K, int] = {}
        for key in keys:
            self.add(key)

    def add(self, key: K) -> None:
        """Make sure ``key`` is known (alone in its set if new).

        Args:
            key: The key.
        """
        if key not in self._parent:
            self._parent[key] = key
            self._size[key] = 1

    def find(self, key: K) -> K:
        """The root of ``key``'s set.

        Args:
            key: The key (added if unknown).

        Returns:
            The set's representative.
        """
        self.add(key)
        parent = self._parent
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(self, a: K, b: K) -> bool:
        """Merge the sets of ``a`` and ``b``.

        Args:
            a: One key.
            b: The other.

        Returns:
            True when they were in different sets.
        """
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return False
        if self._size[root_a] < self._size[root_b]:
            root_a, root_b = root_b, root_a
        self._parent[root_b] = root_a
        self._size[root_a] += self._size[root_b]
        return True

    def connected(self, a: K, b: K) -> bool:
        """Whether ``a`` and ``b`` are in the same set.

        Args:
            a: One key.
            b: The other.

        Returns:
            True when connected.
        """
        return self.find(a) == self.find(b)
