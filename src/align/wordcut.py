"""pythainlp's newmm word segmentation and its dictionary trie, the same words out, in less time.

Tokenising is most of a check's work: at 10,000 objectives, newmm and its dictionary take more time than
everything else together. This module runs pythainlp 5.4.0's newmm (tokenize/newmm.py) unchanged in what it
decides, and faster in how: the dictionary is a trie of nested dicts (built in a third of the time of
pythainlp's Node objects), dictionary words are found by walking it inline and yield end positions rather
than strings, and Thai character cluster boundaries come from one scan of pythainlp's own TCC pattern. Its
maximal matching, graph cut-off and handling of out-of-dictionary runs are kept line for line; its tie-breaking
BFS finds the same first path with parent links instead of a copied path per queued position.
tests/test_wordcut.py compares every result with pythainlp's newmm: on every line of the bundled data
and on random Thai text.

pythainlp's private names used here (_PAT_TCC, _PAT_NONTHAI, _PAT_THAI_TWOCHARS, _MAX_GRAPH_SIZE) are those of
the pinned 5.4.0; a release that moves them fails at import, not silently.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")  # as in text.py: before any pythainlp import
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from collections import defaultdict  # noqa: E402
from collections.abc import Iterable, Iterator  # noqa: E402
from heapq import heappop, heappush  # noqa: E402
from typing import TypeAlias  # noqa: E402

from pythainlp.tokenize.newmm import (  # noqa: E402
    _MAX_GRAPH_SIZE,
    _PAT_NONTHAI,
    _PAT_THAI_TWOCHARS,
)
from pythainlp.tokenize.tcc_p import _PAT_TCC  # noqa: E402
from pythainlp.util import Trie  # noqa: E402

_Node: TypeAlias = "dict[str, _Node | None]"
"""A trie node: letter -> child node; the key "" (-> None) marks the end of a word (no letter is empty)."""


class WordTrie(Trie):
    """pythainlp's dictionary trie as nested dicts: the same words, found in the same order.

    Usable wherever pythainlp takes a Trie (newmm reads it only through `prefixes`). Building pythainlp's Trie
    of its 62,000 words is the largest fixed cost of a run (~0.5 s on an idle 2-core machine); this takes ~0.2 s.
    """

    def __init__(self, words: Iterable[str] = ()) -> None:  # pythainlp's Trie.__init__ is not called: no Nodes
        self.root_node: _Node = {}
        self.longest = 0
        """Letters in the longest word: no walk goes further."""
        self._count = 0
        # Sorted input walks shared prefixes in a row, which makes the build faster.
        for word in sorted({w.strip() for w in words}):
            self.add(word)

    def add(self, word: str) -> None:
        """Add a word (stripped, as pythainlp's Trie does)."""
        word = word.strip()
        node = self.root_node
        for letter in word:
            child = node.get(letter)
            if child is None:
                child = node[letter] = {}
            node = child
        if word and "" not in node:
            node[""] = None
            self._count += 1
            self.longest = max(self.longest, len(word))

    def remove(self, word: str) -> None:
        raise NotImplementedError("WordTrie is built once and only grows")

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """Every word of the dictionary that starts at text[start], shortest first."""
        return [text[start:end] for end in _word_ends(text, start, self.root_node, self.longest)]

    def __contains__(self, word: object) -> bool:
        node: _Node | None = self.root_node
        for letter in word if isinstance(word, str) else "":
            node = node.get(letter) if node is not None else None
        return bool(word) and node is not None and "" in node

    def __iter__(self) -> Iterator[str]:
        stack: list[tuple[str, _Node]] = [("", self.root_node)]
        while stack:
            prefix, node = stack.pop()
            if "" in node and prefix:
                yield prefix
            stack.extend((prefix + letter, child) for letter, child in node.items() if child is not None)

    def __len__(self) -> int:
        return self._count


def segment(text: str, words: WordTrie) -> list[str]:
    """The words of the text, as pythainlp's newmm.segment(text, words) cuts it (safe_mode off)."""
    if not text:
        return []
    root, longest = words.root_node, words.longest
    valid = cluster_ends(text)
    graph: defaultdict[int, list[int]] = defaultdict(list)
    graph_size = 0
    len_text = len(text)
    pos_list = [0]  # priority queue of possible breaking positions
    end_pos = 0
    result = []
    while pos_list[0] < len_text:
        begin_pos = heappop(pos_list)
        # newmm's _extend_graph, with the dictionary walk inline: every word starting here that ends on a
        # cluster boundary becomes an edge, until the graph holds more than _MAX_GRAPH_SIZE edges.
        node = root
        end = begin_pos
        for letter in text[begin_pos : begin_pos + longest]:
            child = node.get(letter)
            if child is None:
                break
            node = child
            end += 1
            if "" in node and valid[end]:
                graph[begin_pos].append(end)
                graph_size += 1
                if end not in pos_list:
                    heappush(pos_list, end)
                if graph_size > _MAX_GRAPH_SIZE:
                    break
        if len(pos_list) == 1:  # one candidate, no longer ambiguous
            path = _first_path(graph, end_pos, pos_list[0])
            graph_size = 0
            graph.clear()
            for pos in path[1:]:
                result.append(text[end_pos:pos])
                end_pos = pos
        elif not pos_list:  # no candidate: an out-of-dictionary word
            end_pos = _skip_end(text, begin_pos, valid, root, longest)
            graph_size = 0
            graph.clear()
            result.append(text[begin_pos:end_pos])
            heappush(pos_list, end_pos)
    return result


def _first_path(graph: defaultdict[int, list[int]], start: int, goal: int) -> list[int]:
    """The first path newmm's _bfs_paths_graph yields from start to goal, without its generator and the copy of
    a path per queued position: the same breadth-first order, with each position's parent kept instead."""
    edges = graph[start]
    if goal in edges:  # most often: the first edge scanned that reaches the goal ends the search
        return [start, goal]
    parents = {start: start}
    queue = [start]
    for vertex in queue:  # grows while iterated: a FIFO queue
        for pos in graph[vertex]:
            if pos == goal:
                path = [goal, vertex]
                while vertex != start:
                    vertex = parents[vertex]
                    path.append(vertex)
                path.reverse()
                return path
            if pos not in parents:
                parents[pos] = vertex
                queue.append(pos)
    raise StopIteration  # as next() on _bfs_paths_graph: the graph always joins the two


def cluster_ends(text: str) -> bytearray:
    """pythainlp's tcc_pos_array: 1 at every position where a Thai character cluster ends.

    tcc() matches the TCC pattern at each position in turn, on a copy of the rest of the text, and takes one
    character where nothing matches; finditer finds the same matches (leftmost, anchored where the previous
    ended) in one scan, and each character it skips is such a one-character cluster.
    """
    valid = bytearray(len(text) + 1)
    position = 0
    for match in _PAT_TCC.finditer(text):
        start, end = match.span()
        if start > position:
            valid[position + 1 : start + 1] = b"\x01" * (start - position)
        valid[end] = 1
        position = end
    if len(text) > position:
        valid[position + 1 :] = b"\x01" * (len(text) - position)
    return valid


def _word_ends(text: str, start: int, root: _Node, longest: int) -> list[int]:
    ends = []
    node = root
    end = start
    for letter in text[start : start + longest]:
        child = node.get(letter)
        if child is None:
            break
        node = child
        end += 1
        if "" in node:
            ends.append(end)
    return ends


def _skip_end(text: str, begin_pos: int, valid: bytearray, root: _Node, longest: int) -> int:
    """newmm's _find_skip_end: where an out-of-dictionary word starting at begin_pos ends."""
    m = _PAT_NONTHAI.match(text, begin_pos)
    if m:  # non-Thai token, skip to its end
        return m.end()
    for pos in range(begin_pos + 1, len(text)):
        if valid[pos]:
            # A dictionary word of more than two consonants starts here, or something non-Thai does.
            if any(valid[end] and not _PAT_THAI_TWOCHARS.match(text[pos:end])
                   for end in _word_ends(text, pos, root, longest)):
                return pos
            if _PAT_NONTHAI.match(text, pos):
                return pos
    return len(text)
