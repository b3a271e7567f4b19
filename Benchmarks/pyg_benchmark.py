"""PyTorch Geometric peer of `graphgrad-bench gnn`: one measurement per process.

    pyg_benchmark.py cora MODEL THREADS EPOCHS RAW_DIR
    pyg_benchmark.py synthetic THREADS EPOCHS NPY_DIR

`cora` trains MODEL (gcn, gat, sage, sgc) on Planetoid Cora with the settings of PyG's own
examples (examples/gcn.py, gat.py, sgc.py; SAGE as gcn.py with SAGEConv, since PyG has no
Cora SAGE example), full batch. RAW_DIR holds the Planetoid raw files (ind.cora.*); they are
linked into a temporary root so nothing is downloaded. `synthetic` trains a 2-layer GCN
(hidden 64) on the graph in NPY_DIR (edge_index.npy int64 [2, E], features.npy float32 [N, F],
labels.npy int64 [N], train_index.npy int64), written by the Swift side.

Prints one JSON line: median training-step milliseconds, seconds for all epochs (steps only,
as the Swift side), test accuracy where there is a test split, and this process's peak
resident memory (getrusage ru_maxrss, KiB on Linux).
"""
import json
import os
import resource
import statistics
import sys
import tempfile
import time
import warnings

# PyG's import calls torch.jit.script, which torch 2.15 deprecates with a FutureWarning on
# stderr in every one of the benchmark's processes; it says nothing about the measurement.
warnings.filterwarnings("ignore", message=".*torch.jit.script.*", category=FutureWarning)

import numpy as np
import torch
import torch.nn.functional as F
import torch_geometric
import torch_geometric.transforms as T
from torch_geometric.datasets import Planetoid
from torch_geometric.nn import GATConv, GCNConv, SAGEConv, SGConv


class GCN(torch.nn.Module):
    """examples/gcn.py: dropout 0.5 on the input and hidden layer, cached normalization."""

    def __init__(self, inputs, hidden, classes):
        super().__init__()
        self.conv1 = GCNConv(inputs, hidden, cached=True)
        self.conv2 = GCNConv(hidden, classes, cached=True)

    def forward(self, x, edge_index):
        x = F.dropout(x, p=0.5, training=self.training)
        x = self.conv1(x, edge_index).relu()
        x = F.dropout(x, p=0.5, training=self.training)
        return self.conv2(x, edge_index)


class SAGE(torch.nn.Module):
    """gcn.py's architecture with mean-aggregating SAGEConv layers, hidden 64 (GraphGrad's default)."""

    def __init__(self, inputs, hidden, classes):
        super().__init__()
        self.conv1 = SAGEConv(inputs, hidden)
        self.conv2 = SAGEConv(hidden, classes)

    def forward(self, x, edge_index):
        x = F.dropout(x, p=0.5, training=self.training)
        x = self.conv1(x, edge_index).relu()
        x = F.dropout(x, p=0.5, training=self.training)
        return self.conv2(x, edge_index)


class GAT(torch.nn.Module):
    """examples/gat.py: 8 heads of 8, ELU, dropout 0.6 on features and attention."""

    def __init__(self, inputs, classes):
        super().__init__()
        self.conv1 = GATConv(inputs, 8, heads=8, dropout=0.6)
        self.conv2 = GATConv(64, classes, heads=1, concat=False, dropout=0.6)

    def forward(self, x, edge_index):
        x = F.dropout(x, p=0.6, training=self.training)
        x = F.elu(self.conv1(x, edge_index))
        x = F.dropout(x, p=0.6, training=self.training)
        return self.conv2(x, edge_index)


class SGC(torch.nn.Module):
    """examples/sgc.py: K = 2 propagation steps, cached, one linear layer."""

    def __init__(self, inputs, classes):
        super().__init__()
        self.conv = SGConv(inputs, classes, K=2, cached=True)

    def forward(self, x, edge_index):
        return self.conv(x, edge_index)


def cora_setup(model_name, raw_dir):
    root = tempfile.mkdtemp(prefix="pyg-cora-")
    os.makedirs(os.path.join(root, "Cora"))
    os.symlink(os.path.abspath(raw_dir), os.path.join(root, "Cora", "raw"))
    data = Planetoid(root, "Cora", transform=T.NormalizeFeatures())[0]
    inputs, classes = data.num_features, int(data.y.max()) + 1
    if model_name == "gcn":
        model = GCN(inputs, 16, classes)
        optimizer = torch.optim.Adam(
            [dict(params=model.conv1.parameters(), weight_decay=5e-4), dict(params=model.conv2.parameters(), weight_decay=0)],
            lr=0.01)
    elif model_name == "sage":
        model = SAGE(inputs, 64, classes)
        optimizer = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=5e-4)
    elif model_name == "gat":
        model = GAT(inputs, classes)
        optimizer = torch.optim.Adam(model.parameters(), lr=0.005, weight_decay=5e-4)
    elif model_name == "sgc":
        model = SGC(inputs, classes)
        optimizer = torch.optim.Adam(model.parameters(), lr=0.2, weight_decay=0.005)
    else:
        raise SystemExit(f"unknown model {model_name}; valid: gcn, gat, sage, sgc")
    return data, model, optimizer


def synthetic_setup(npy_dir):
    load = lambda name: torch.from_numpy(np.load(os.path.join(npy_dir, name)))
    x, edge_index, y = load("features.npy"), load("edge_index.npy"), load("labels.npy")
    train_mask = torch.zeros(x.shape[0], dtype=torch.bool)
    train_mask[load("train_index.npy")] = True
    data = torch_geometric.data.Data(x=x, edge_index=edge_index, y=y, train_mask=train_mask)
    model = GCN(x.shape[1], 64, int(y.max()) + 1)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=5e-4)
    return data, model, optimizer


def train(data, model, optimizer, epochs):
    milliseconds = []
    for _ in range(epochs):
        start = time.perf_counter()
        model.train()
        optimizer.zero_grad()
        out = model(data.x, data.edge_index)
        loss = F.cross_entropy(out[data.train_mask], data.y[data.train_mask])
        loss.backward()
        optimizer.step()
        milliseconds.append((time.perf_counter() - start) * 1e3)
    return milliseconds


def main():
    kind = sys.argv[1]
    if kind == "cora":
        model_name, threads, epochs, source = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    else:
        model_name, threads, epochs, source = "gcn", int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    data, model, optimizer = cora_setup(model_name, source) if kind == "cora" else synthetic_setup(source)
    milliseconds = train(data, model, optimizer, epochs)
    result = dict(
        median_ms=statistics.median(milliseconds), total_seconds=sum(milliseconds) / 1e3,
        maxrss_kib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        torch=torch.__version__, pyg=torch_geometric.__version__)
    if hasattr(data, "test_mask"):
        model.eval()
        with torch.no_grad():
            predicted = model(data.x, data.edge_index).argmax(dim=-1)
        result["test_accuracy"] = float((predicted[data.test_mask] == data.y[data.test_mask]).float().mean())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
