import Synchronization

/// The nodes of one backward pass in reverse creation order, with a cotangent slot each.
///
/// A node's slot is found through the node itself, not a hash table: the pass claims each
/// node it reaches by storing its token and the node's slot into ``TapeLink/claim``. A node
/// that another pass holds (one running concurrently on a shared graph, or one nested inside
/// a custom vjp) keeps that claim, and this pass keeps the node's slot in a dictionary
/// instead. ``release()`` must end every pass.
@usableFromInline
struct CotangentSlots<Scalar: TensorScalar> {
    /// This pass's number, in the claim's high bits (never 0, so 0 means unclaimed).
    @usableFromInline let token: Int
    /// Every node reachable from the root, latest first: each comes before its parents.
    @usableFromInline var nodes: [TapeNode<Scalar>] = []
    @usableFromInline var cotangents: [Tensor<Scalar>?] = []
    /// Slots of the nodes that another pass holds.
    @usableFromInline var borrowed: [ObjectIdentifier: Int] = [:]

    @inlinable
    init(root: TapeNode<Scalar>) {
        token = (backwardPassCount.wrappingAdd(1, ordering: .relaxed).newValue % Int(Int32.max) + 1) << 32
        _ = claim(root)
        // Breadth first, with the list of nodes found as the queue. A chain comes out already
        // in order, which the sort then only checks.
        var found = [root]
        var next = 0
        while next < found.count {
            let parents = found[next].parents
            next += 1
            if let link = parents.first, claim(link) { found.append(unsafeDowncast(link, to: TapeNode<Scalar>.self)) }
            if let link = parents.second, claim(link) { found.append(unsafeDowncast(link, to: TapeNode<Scalar>.self)) }
            for case let link? in parents.rest where claim(link) {
                found.append(unsafeDowncast(link, to: TapeNode<Scalar>.self))
            }
        }
        nodes = found
        nodes.sort { $0.id > $1.id }
        for (slot, node) in nodes.enumerated() {
            if holds(node) {
                node.claim.store(token | slot, ordering: .relaxed)
            } else {
                borrowed[ObjectIdentifier(node)] = slot
            }
        }
        cotangents = [Tensor<Scalar>?](repeating: nil, count: nodes.count)
    }

    /// Adds `node` to this pass; false when it is in already.
    @inlinable
    mutating func claim(_ node: TapeLink) -> Bool {
        if holds(node) { return false }
        if node.claim.compareExchange(expected: 0, desired: token, ordering: .acquiring).exchanged { return true }
        let key = ObjectIdentifier(node)
        if borrowed[key] != nil { return false }
        borrowed[key] = -1
        return true
    }

    @inlinable
    func holds(_ node: TapeLink) -> Bool { node.claim.load(ordering: .relaxed) & ~0xFFFF_FFFF == token }

    /// The slot of `node`, nil when the pass does not reach it.
    @inlinable
    func slot(of node: TapeLink) -> Int? {
        let claim = node.claim.load(ordering: .relaxed)
        return claim & ~0xFFFF_FFFF == token ? claim & 0xFFFF_FFFF : borrowed[ObjectIdentifier(node)]
    }

    /// Adds `g` to the cotangent of `node`, which the pass reaches.
    @inlinable
    mutating func accumulate(_ g: Tensor<Scalar>, into node: TapeLink) {
        let parent = unsafeDowncast(node, to: TapeNode<Scalar>.self)
        require(g.shape == parent.shape, "pullback produced shape \(g.shape) for an input of shape \(parent.shape)")
        let slot = slot(of: node)!
        cotangents[slot] = cotangents[slot].map { $0 + g } ?? g
    }

    /// Hands every node this pass holds back.
    @inlinable
    func release() {
        for node in nodes where holds(node) { node.claim.store(0, ordering: .releasing) }
    }
}

/// Backward passes started so far in this process; numbers the passes' tokens.
@usableFromInline
let backwardPassCount = Atomic<Int>(0)
