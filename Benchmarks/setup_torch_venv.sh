#!/bin/sh
# Creates the Python environment of the PyTorch peers of graphgrad-bench (tape, gnn):
# a virtualenv with torch and torch_geometric (CPU is enough), and prints the variable that
# points the benchmarks at it.
#
#   Benchmarks/setup_torch_venv.sh [VENV_DIR]      (default: .venv-torch beside the package)
#   export GRAPHGRAD_TORCH_PYTHON=VENV_DIR/bin/python
#   swift run -c release graphgrad-bench gnn
#
# Set PIP_FIND_LINKS=DIR (and PIP_NO_INDEX=1) to install from downloaded wheels offline.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
venv=${1:-"$here/.venv-torch"}
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --upgrade pip
"$venv/bin/python" -m pip install torch torch_geometric numpy scipy
"$venv/bin/python" -c 'import torch, torch_geometric; print("torch", torch.__version__, "torch_geometric", torch_geometric.__version__)'
echo "export GRAPHGRAD_TORCH_PYTHON=$venv/bin/python"
