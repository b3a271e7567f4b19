/// The weakly connected components of a graph.
public struct ConnectedComponents: Sendable, Equatable {
    /// Component id of each node. Ids are numbered in order of each component's smallest node,
    /// so node 0 is always in component 0.
    public let componentOf: [Int32]
    /// Number of nodes in each component.
    public let sizes: [Int]

    /// Number of components (an isolated node is a component of its own).
    public var count: Int { sizes.count }
}

extension Graph {
    /// The weakly connected components: nodes joined by edges in either direction, found with a
    /// union–find forest (path halving, union by size) in near-linear time.
    public func connectedComponents() -> ConnectedComponents {
        var parent = Array(0..<Int32(nodeCount))
        var size = [Int32](repeating: 1, count: nodeCount)
        parent.withUnsafeMutableBufferPointer { parent in
            size.withUnsafeMutableBufferPointer { size in
                func root(_ node: Int32) -> Int32 {
                    var node = node
                    while parent[Int(node)] != node {
                        parent[Int(node)] = parent[Int(parent[Int(node)])]
                        node = parent[Int(node)]
                    }
                    return node
                }
                for e in 0..<edgeCount {
                    var a = root(source[e])
                    var b = root(target[e])
                    if a == b { continue }
                    if size[Int(a)] < size[Int(b)] { swap(&a, &b) }
                    parent[Int(b)] = a
                    size[Int(a)] += size[Int(b)]
                }
                for node in 0..<Int32(nodeCount) { parent[Int(node)] = root(node) }
            }
        }
        var idOfRoot = [Int32](repeating: -1, count: nodeCount)
        var componentOf = [Int32](repeating: 0, count: nodeCount)
        var sizes: [Int] = []
        for node in 0..<nodeCount {
            let root = Int(parent[node])
            if idOfRoot[root] < 0 {
                idOfRoot[root] = Int32(sizes.count)
                sizes.append(0)
            }
            componentOf[node] = idOfRoot[root]
            sizes[Int(idOfRoot[root])] += 1
        }
        return ConnectedComponents(componentOf: componentOf, sizes: sizes)
    }
}
