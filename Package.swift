// swift-tools-version: 6.1
import PackageDescription

/// Settings every Vigil target shares: Swift 6 language mode plus the upcoming features that keep
/// imports and existentials explicit (see STYLE.md §1).
let vigilSwiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Vigil",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vigil", targets: ["vigil"]),
        .library(name: "VigilKit", targets: ["VigilKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // L0: domain values, regions, substances, hashing, seeded randomness. Foundation only.
        .target(name: "VigilCore", swiftSettings: vigilSwiftSettings),
        // L1: temporal and space-time detection, pure and deterministic.
        .target(
            name: "VigilDetection",
            dependencies: ["VigilCore"],
            // The numeric kernels (IRLS, window statistics) are optimised in debug builds too, so that
            // the test suite, which runs in debug, checks thousands of model fits in seconds.
            swiftSettings: vigilSwiftSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // L1: the controlled-precursor watchlist, name matching and manifest screening, pure.
        .target(
            name: "VigilPrecursors",
            dependencies: ["VigilCore"],
            resources: [.copy("Resources")],
            swiftSettings: vigilSwiftSettings
        ),
        // L1: the link graph: centrality, communities, paths and disruption analysis, pure and deterministic.
        .target(
            name: "VigilNetwork",
            dependencies: ["VigilCore"],
            // Betweenness, closeness and disruption runs are breadth-first searches from every node; optimised in
            // debug builds too, so that the reference tests run in seconds.
            swiftSettings: vigilSwiftSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // L1: access to prevention and treatment (nearest facilities, per-region access) and placement of new
        // sites (maximal covering), pure and deterministic.
        .target(
            name: "VigilReach",
            dependencies: ["VigilCore"],
            // The k-d tree searches and the covering solvers are optimised in debug builds too, so that the tests,
            // which compare them with brute force on thousands of points, run in seconds.
            swiftSettings: vigilSwiftSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // L2: store protocols and query values.
        .target(
            name: "VigilStore",
            dependencies: ["VigilCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: vigilSwiftSettings
        ),
        // L2: the embedded SQLite backend on GRDB.
        .target(
            name: "VigilStoreSQLite",
            dependencies: [
                "VigilStore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: vigilSwiftSettings
        ),
        // L2: the shared PostgreSQL backend on postgres-nio.
        .target(
            name: "VigilStorePostgres",
            dependencies: [
                "VigilStore", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: vigilSwiftSettings
        ),
        // L2: streaming CSV and NDJSON readers, declarative mappings, validation.
        .target(
            name: "VigilIngest",
            dependencies: ["VigilCore", "VigilStore"],
            resources: [.copy("Mappings")],
            swiftSettings: vigilSwiftSettings
        ),
        // L3: use cases shared by the CLI and (later) the server.
        .target(
            name: "VigilKit",
            dependencies: [
                "VigilCore", "VigilDetection", "VigilPrecursors", "VigilNetwork", "VigilReach", "VigilStore", "VigilIngest",
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Samples"), .copy("Boundaries")],
            swiftSettings: vigilSwiftSettings
        ),
        // L4: the HTTP service: API, authentication, authorisation and audit.
        .target(
            name: "VigilServer",
            dependencies: [
                "VigilKit", "VigilReach", "VigilStore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources/openapi.json"), .copy("Resources/vigil.css"), .copy("Resources/vigil.js")],
            swiftSettings: vigilSwiftSettings
        ),
        // Fixture loading and seeded generators shared by tests and the benchmark.
        .target(name: "VigilTestSupport", dependencies: ["VigilCore", "VigilStore"], swiftSettings: vigilSwiftSettings),
        // L5: the command-line composition root.
        .executableTarget(
            name: "vigil",
            dependencies: [
                "VigilKit", "VigilDetection", "VigilPrecursors", "VigilNetwork", "VigilReach", "VigilIngest", "VigilStoreSQLite", "VigilStorePostgres",
                "VigilServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: vigilSwiftSettings
        ),
        .testTarget(name: "VigilCoreTests", dependencies: ["VigilCore", "VigilTestSupport"], swiftSettings: vigilSwiftSettings),
        .testTarget(
            name: "VigilDetectionTests", dependencies: ["VigilDetection", "VigilTestSupport"], swiftSettings: vigilSwiftSettings
        ),
        .testTarget(
            name: "VigilPrecursorsTests", dependencies: ["VigilPrecursors", "VigilIngest", "VigilTestSupport"],
            swiftSettings: vigilSwiftSettings
        ),
        .testTarget(
            name: "VigilNetworkTests", dependencies: ["VigilNetwork", "VigilIngest", "VigilTestSupport"], swiftSettings: vigilSwiftSettings
        ),
        .testTarget(name: "VigilReachTests", dependencies: ["VigilReach", "VigilCore"], swiftSettings: vigilSwiftSettings),
        .testTarget(name: "VigilIngestTests", dependencies: ["VigilIngest", "VigilStore", "VigilTestSupport"], swiftSettings: vigilSwiftSettings),
        .testTarget(
            name: "VigilStoreSQLiteTests",
            dependencies: ["VigilStoreSQLite", "VigilTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: vigilSwiftSettings
        ),
        .testTarget(
            name: "VigilStorePostgresTests",
            dependencies: [
                "VigilStorePostgres", "VigilStoreSQLite", "VigilKit", "VigilTestSupport", .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: vigilSwiftSettings
        ),
        .testTarget(
            name: "VigilKitTests",
            dependencies: ["VigilKit", "VigilDetection", "VigilReach", "VigilIngest", "VigilStore", "VigilStoreSQLite", "VigilTestSupport"],
            swiftSettings: vigilSwiftSettings
        ),
        .testTarget(
            name: "VigilServerTests",
            dependencies: [
                "VigilServer", "VigilKit", "VigilStoreSQLite", "VigilStorePostgres", "VigilTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: vigilSwiftSettings
        ),
        .testTarget(name: "VigilTestSupportTests", dependencies: ["VigilTestSupport"], swiftSettings: vigilSwiftSettings),
        .testTarget(name: "vigilTests", dependencies: ["vigil", "VigilKit", "VigilTestSupport"], swiftSettings: vigilSwiftSettings),
    ]
)
