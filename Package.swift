// swift-tools-version: 6.1
import PackageDescription

// Modules import in one direction only:
//   Calculus ← Tensors ← Graphs ← NN ← GNN ← GraphGrad (umbrella) ← graphgrad (CLI)
// CKernels holds the register-tiled micro-kernels; it picks the vector ISA at run time
// (see README, "Kernels and the vector ISA"), so no unsafe build flags are needed and the
// package stays usable as a dependency.
let package = Package(
    name: "GraphGrad",
    products: [
        .library(name: "GraphGrad", targets: ["GraphGrad"]),
        .executable(name: "graphgrad", targets: ["GraphGradCLI"]),
        .executable(name: "graphgrad-bench", targets: ["GraphGradBenchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .target(
            name: "Calculus",
            dependencies: [
                .product(name: "RealModule", package: "swift-numerics"),
                .product(name: "ComplexModule", package: "swift-numerics"),
            ]),
        .target(name: "CKernels"),
        .target(name: "Tensors", dependencies: ["Calculus", "CKernels"]),
        .target(
            name: "Graphs",
            dependencies: ["Tensors", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Resources/Datasets")]),
        .target(name: "NN", dependencies: ["Tensors", "Graphs", "CKernels"]),
        .target(name: "GNN", dependencies: ["NN", "Graphs", "Tensors"]),
        .target(name: "GraphGrad", dependencies: ["Calculus", "Tensors", "Graphs", "NN", "GNN"]),
        .executableTarget(
            name: "GraphGradCLI",
            dependencies: [
                "GraphGrad",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "RealModule", package: "swift-numerics"),
            ]),
        .executableTarget(name: "GraphGradBenchmarks", dependencies: ["GraphGrad"]),
        .target(
            name: "_TestSupport",
            dependencies: ["GraphGrad"],
            path: "Tests/_TestSupport"),
        .testTarget(
            name: "CalculusTests",
            dependencies: [
                "Calculus", "_TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(
            name: "TensorsTests",
            dependencies: [
                "Tensors", "_TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(name: "GraphsTests", dependencies: ["Graphs", "_TestSupport"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "_TestSupport"]),
        .testTarget(name: "GNNTests", dependencies: ["GNN", "_TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["_TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
