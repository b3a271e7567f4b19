import Tensors

extension Module {
    /// Every parameter below this module with its dotted path of property labels
    /// (`"layers.0.weight"`), in declaration order; a parameter reachable along several paths
    /// is listed once, under the first.
    ///
    /// Computed by reflection on each call (tens of microseconds for a small model): keep the
    /// result, as optimizers do, rather than asking every step.
    public var namedParameters: [(name: String, parameter: Parameter<Scalar>)] {
        var found = ModuleTree.Contents<Scalar>()
        var seen: Set<ObjectIdentifier> = []
        ModuleTree.collect(self, path: "", into: &found, seen: &seen)
        return found.parameters
    }

    /// The parameters of ``namedParameters`` without their names.
    public var parameters: [Parameter<Scalar>] { namedParameters.map(\.parameter) }

    /// Every buffer below this module with its dotted path, as ``namedParameters`` lists
    /// parameters.
    public var namedBuffers: [(name: String, buffer: Buffer<Scalar>)] {
        var found = ModuleTree.Contents<Scalar>()
        var seen: Set<ObjectIdentifier> = []
        ModuleTree.collect(self, path: "", into: &found, seen: &seen)
        return found.buffers
    }
}

/// The reflection walk behind ``Module/namedParameters`` and ``Module/train(_:)``.
enum ModuleTree {
    struct Contents<Scalar: TensorScalar> {
        var parameters: [(name: String, parameter: Parameter<Scalar>)] = []
        var buffers: [(name: String, buffer: Buffer<Scalar>)] = []
    }

    /// Adds what `value` holds under `path`; `seen` holds the objects already visited, so
    /// shared parameters are listed once and cycles end.
    static func collect<Scalar>(
        _ value: Any, path: String, into found: inout Contents<Scalar>, seen: inout Set<ObjectIdentifier>
    ) {
        // Casting an array to a class type bridges it element by element through Foundation
        // (milliseconds for a large array of numbers): only objects are cast.
        guard type(of: value) is AnyClass else {
            forEachElement(of: value) { label, child in
                collect(child, path: joined(path, label), into: &found, seen: &seen)
            }
            return
        }
        if let p = value as? Parameter<Scalar> {
            if seen.insert(ObjectIdentifier(p)).inserted { found.parameters.append((path, p)) }
        } else if let b = value as? Buffer<Scalar> {
            if seen.insert(ObjectIdentifier(b)).inserted { found.buffers.append((path, b)) }
        } else if let m = value as? any Module {
            guard seen.insert(ObjectIdentifier(m)).inserted else { return }
            forEachStoredProperty(of: m) { label, child in
                collect(child, path: joined(path, label), into: &found, seen: &seen)
            }
        }
    }

    private static func joined(_ path: String, _ label: String?) -> String {
        guard let label else { return path }
        return path.isEmpty ? label : "\(path).\(label)"
    }

    /// Calls `body` on `module` and every module below it, each once.
    static func forEachModule(_ module: any Module, seen: inout Set<ObjectIdentifier>, _ body: (any Module) -> Void) {
        guard seen.insert(ObjectIdentifier(module)).inserted else { return }
        body(module)
        forEachStoredProperty(of: module) { _, child in forEachModule(in: child, seen: &seen, body) }
    }

    private static func forEachModule(in value: Any, seen: inout Set<ObjectIdentifier>, _ body: (any Module) -> Void) {
        if type(of: value) is AnyClass {
            if let m = value as? any Module { forEachModule(m, seen: &seen, body) }
        } else {
            forEachElement(of: value) { _, child in forEachModule(in: child, seen: &seen, body) }
        }
    }

    /// The stored properties of a class instance, its superclasses' included.
    private static func forEachStoredProperty(of object: AnyObject, _ body: (String, Any) -> Void) {
        var mirror: Mirror? = Mirror(reflecting: object)
        while let m = mirror {
            for child in m.children { body(child.label ?? "_", child.value) }
            mirror = m.superclassMirror
        }
    }

    /// The wrapped value of an optional (no label of its own), or the elements of an array
    /// labelled by index when they can hold modules or parameters; nothing for any other value.
    private static func forEachElement(of value: Any, _ body: (String?, Any) -> Void) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let wrapped = mirror.children.first { body(nil, wrapped.value) }
        case .collection:
            // Arrays of numbers can hold millions of elements: look inside only when the first
            // element is something that can hold parameters.
            guard let first = mirror.children.first?.value, canHoldParameters(first) else { return }
            for (index, child) in mirror.children.enumerated() { body(String(index), child.value) }
        default:
            return
        }
    }

    private static func canHoldParameters(_ value: Any) -> Bool {
        if type(of: value) is AnyClass { return true }
        let style = Mirror(reflecting: value).displayStyle
        return style == .optional || style == .collection
    }
}
