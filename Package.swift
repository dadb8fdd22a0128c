// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Rebalance",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "rebalance", targets: ["rebalance"]),
        // Depends on Budgeting alone, so CI can build it in release mode in about a minute
        // and check every reference outcome without a release build of Vapor.
        .executable(name: "rebalance-pb-reference", targets: ["PBReferenceCheck"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        .target(name: "RebalanceCore"),
        .target(name: "Budgeting"),
        .target(
            name: "RebalanceStore",
            dependencies: [
                "RebalanceCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "RebalanceWeb",
            dependencies: [
                "RebalanceCore", "Budgeting", "RebalanceStore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
                .product(name: "Ink", package: "Ink"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.copy("Resources"), .copy("Public")]
        ),
        .executableTarget(
            name: "rebalance",
            dependencies: [
                "RebalanceCore", "Budgeting", "RebalanceStore", "RebalanceWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Vapor", package: "vapor"),
            ],
            // The Swift runtime and Foundation linked in, not loaded at every start, and a
            // fixed-address executable, so no relocation of its data at every start (ADR 0034).
            // Compiling this module with -static-stdlib makes it name every static library
            // Foundation needs; lld resolves them whatever their order (gold does not).
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux]))],
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-use-ld=lld", "-Xclang-linker", "-no-pie"], .when(platforms: [.linux]))]
        ),
        .executableTarget(name: "PBReferenceCheck", dependencies: ["Budgeting"]),
        .testTarget(name: "RebalanceCoreTests", dependencies: ["RebalanceCore"]),
        .testTarget(name: "BudgetingTests", dependencies: ["Budgeting"]),
        .testTarget(
            name: "RebalanceWebTests",
            dependencies: [
                "RebalanceWeb", "RebalanceStore", "RebalanceCore",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
