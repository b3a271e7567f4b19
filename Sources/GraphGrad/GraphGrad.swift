@_exported import Calculus
@_exported import Tensors
@_exported import Graphs
@_exported import NN
@_exported import GNN
