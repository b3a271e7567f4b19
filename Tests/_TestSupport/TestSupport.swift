import GraphGrad
