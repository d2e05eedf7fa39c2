"""What many texts share with one framework's items, as array operations: contributions and evidence order.

score.py scores a text against an item from the features they share (module docstring there). Done text by
text and item by item, that is a few Python steps per (text, item, feature): at 10,000 objectives it was the
largest cost after tokenising. Here a whole batch of texts meets a framework's postings at once:

    entries   one per (text, feature the framework knows), in the text's feature order
    postings  per feature, the items that have it and their weights (compressed rows)
    shared    entries x postings: one value min(text weight, item weight) x IDF per (text, item, feature)

and the values are grouped per (text, item) pair, in entry order, which is the order the formula adds them in:
left to right, each pair's sum a plain chain of IEEE additions (score.add_up), as the text-by-text loop makes
it, so scores are those of the pair-by-pair loop to the last bit. The evidence order is worked out here too:
values summed per label in entry order (left to right again), then labels by descending sum, ties by label
text. numpy's min, multiply and add are IEEE operations, exactly Python's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Postings:
    """One framework's postings as compressed rows: feature id -> (items, weights)."""

    ids: Mapping[str, int]
    """Feature -> its row."""
    starts: Ints
    """Row f spans items[starts[f]:starts[f + 1]]."""
    items: Ints
    weights: Floats
    idf: Floats


def postings(rows: Mapping[str, Sequence[tuple[int, float]]], idf: Mapping[str, float]) -> Postings:
    """Compress feature -> [(item, weight), ...] rows; each row keeps its order."""
    ids = {feature: row for row, feature in enumerate(rows)}
    starts = np.zeros(len(ids) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows.values()], out=starts[1:])
    items = np.array([item for r in rows.values() for item, _ in r], dtype=np.int64)
    weights = np.array([weight for r in rows.values() for _, weight in r], dtype=np.float64)
    return Postings(ids, starts, items, weights, np.array([idf[f] for f in ids], dtype=np.float64))


@dataclass(frozen=True, slots=True)
class Shared:
    """Every (text, item) pair with something in common, in increasing pair order (text * items + item)."""

    pairs: Ints
    overlap: Floats
    """Per pair, its contributions added left to right in entry order."""
    labels: Ints
    """Evidence label ids, pair after pair, best first, at most `terms` per pair."""
    label_totals: Floats
    """What each of those labels adds to its pair's overlap."""
    label_bounds: Ints
    """Pair i's labels are labels[label_bounds[i]:label_bounds[i + 1]]."""


def share(
    rows: Postings,
    text: Ints,
    feature: Ints,
    weight: Floats,
    label: Ints,
    label_rank: Ints,
    n_items: int,
    terms: int,
) -> Shared:
    """Meet entries (text, feature row, text weight, label id) with the postings; `label_rank` orders label ids
    as their texts sort. Entries must come text by text, each text's in its feature order."""
    counts = rows.starts[feature + 1] - rows.starts[feature]
    entry = np.repeat(np.arange(len(feature), dtype=np.int64), counts)
    first = np.cumsum(counts) - counts
    at = rows.starts[feature][entry] + (np.arange(len(entry), dtype=np.int64) - first[entry])
    value = np.minimum(weight[entry], rows.weights[at]) * rows.idf[feature[entry]]
    pair = text[entry] * n_items + rows.items[at]
    term = label[entry]
    if not len(pair):
        nothing = np.zeros(0, dtype=np.int64)
        return Shared(nothing, np.zeros(0, dtype=np.float64), nothing, np.zeros(0, dtype=np.float64),
                      np.zeros(1, dtype=np.int64))

    # Per pair, its values added in entry order: a stable sort by pair keeps the order entries were made in.
    by_pair = np.argsort(pair, kind="stable")
    sorted_pairs = pair[by_pair]
    value_bounds = _bounds(sorted_pairs)
    overlap = _add_up(value[by_pair], value_bounds)

    # Per (pair, label): the sum of its values, added left to right in entry order (a stable sort by one key).
    pair_term = pair * (int(term.max()) + 1) + term
    by_term = np.argsort(pair_term, kind="stable")
    term_bounds = _bounds(pair_term[by_term])
    starts = term_bounds[:-1]
    totals = _add_up(value[by_term], term_bounds)
    term_pairs, term_labels = pair[by_term][starts], term[by_term][starts]

    # Labels of each pair by descending sum, ties by label text; the first `terms` of each pair. The (pair, label)
    # keys are distinct, so one sort by a key that orders as the three do gives the same order.
    best = _by_pair_sum_label(term_pairs, totals, label_rank[term_labels], len(label_rank))
    ordered_pairs, ordered_labels, ordered_totals = term_pairs[best], term_labels[best], totals[best]
    label_bounds = _bounds(ordered_pairs)
    rank_in_pair = np.arange(len(ordered_pairs)) - np.repeat(label_bounds[:-1], np.diff(label_bounds))
    kept = rank_in_pair < terms
    kept_bounds = np.concatenate(([0], np.cumsum(np.minimum(np.diff(label_bounds), terms))))
    return Shared(
        pairs=sorted_pairs[value_bounds[:-1]],
        overlap=overlap,
        labels=ordered_labels[kept],
        label_totals=ordered_totals[kept],
        label_bounds=kept_bounds,
    )


def add_up_runs(values: Floats, bounds: Ints) -> Floats:
    """The sum of each run values[bounds[i]:bounds[i + 1]], added left to right as score.add_up adds; 0.0 for an
    empty run."""
    totals = np.zeros(len(bounds) - 1, dtype=np.float64)
    filled = np.flatnonzero(np.diff(bounds) > 0)
    if len(filled):
        totals[filled] = _add_up(values, np.append(bounds[filled], bounds[filled[-1] + 1]))
    return totals


def _by_pair_sum_label(pairs: Ints, totals: Floats, ranks: Ints, labels: int) -> Ints:
    """The order of np.lexsort((ranks, -totals, pairs)) for distinct (pair, rank): one integer key per entry,
    pair, then the place of -total among the totals, then rank, sorted once (lexsort sorts once per key)."""
    values, places = np.unique(-totals, return_inverse=True)
    if (int(pairs.max()) + 1) * len(values) * labels >= 2**62:  # too large for one int64 key: sort key by key
        return np.lexsort((ranks, -totals, pairs))
    key = (pairs * len(values) + places.reshape(-1)) * labels + ranks
    order: Ints = np.argsort(key)
    return order


def _add_up(values: Floats, bounds: Ints) -> Floats:
    """The sum of each run values[bounds[i]:bounds[i + 1]] (none empty), added left to right: first + second,
    then + third, ... as a Python loop adds them. Runs are short (a few shared features), so this is a few
    array additions, one per place in the longest run, each over the runs that reach that place."""
    starts, sizes = bounds[:-1], np.diff(bounds)
    totals = values[starts].copy()
    longer = np.flatnonzero(sizes > 1)
    step = 1
    while len(longer):
        totals[longer] += values[starts[longer] + step]
        step += 1
        longer = longer[sizes[longer] > step]
    return totals


def _bounds(sorted_keys: Ints) -> Ints:
    """Start of each run of equal keys, and the end of the last."""
    starts = np.flatnonzero(np.diff(sorted_keys)) + 1
    return np.concatenate(([0], starts, [len(sorted_keys)])).astype(np.int64)
