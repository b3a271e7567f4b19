"""Builds Sources/Graphs/Resources/Datasets/karate.npz, GraphGrad's bundled karate club dataset.

Provenance: W. W. Zachary, "An information flow model for conflict and fission in small
groups", Journal of Anthropological Research 33 (1977), as distributed by networkx
(`networkx.karate_club_graph()`): 34 members, 78 friendships. The label of a member is the
club they joined after the split, networkx's 'club' node attribute: 0 = "Mr. Hi",
1 = "Officer".

Layout (the same keys as cora.npz, all indices int64):
  edge_index   2 x 156, each friendship in both directions, sorted by (source, target);
               networkx's interaction-count weights are not kept.
  features     the 34 x 34 identity in CSR (features_indptr/_indices/_data/_shape), as in
               Kipf & Welling's featureless karate demo.
  train_index  [0, 33]: the instructor and the administrator, one labelled node per class.
  val_index    8 of the other members, test_index the remaining 24, drawn by
               numpy.random.default_rng(0).permutation so the split is reproducible.

Run: python3 Benchmarks/make_karate.py   (needs numpy and networkx)
"""
import os

import networkx as nx
import numpy as np

graph = nx.karate_club_graph()
nodes = sorted(graph.nodes())
assert nodes == list(range(34)) and graph.number_of_edges() == 78

pairs = sorted({(u, v) for u, v in graph.edges()} | {(v, u) for u, v in graph.edges()})
edge_index = np.array(pairs, dtype=np.int64).T
labels = np.array([0 if graph.nodes[n]["club"] == "Mr. Hi" else 1 for n in nodes], dtype=np.int64)

others = np.array([n for n in nodes if n not in (0, 33)], dtype=np.int64)
others = others[np.random.default_rng(0).permutation(len(others))]
train_index = np.array([0, 33], dtype=np.int64)
val_index = np.sort(others[:8])
test_index = np.sort(others[8:])

output = os.path.join(os.path.dirname(__file__), "..", "Sources", "Graphs", "Resources", "Datasets", "karate.npz")
np.savez_compressed(
    output,
    features_indptr=np.arange(35, dtype=np.int64),
    features_indices=np.arange(34, dtype=np.int64),
    features_data=np.ones(34, dtype=np.float32),
    features_shape=np.array([34, 34], dtype=np.int64),
    edge_index=edge_index,
    labels=labels,
    train_index=train_index,
    val_index=val_index,
    test_index=test_index,
)
print(f"wrote {os.path.normpath(output)}: {edge_index.shape[1]} directed edges, "
      f"{labels.sum()} Officer / {34 - labels.sum()} Mr. Hi")
