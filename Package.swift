// swift-tools-version: 6.0
import PackageDescription

/// The same strict settings for every Swift target (see "House style" in docs/ARCHITECTURE.md).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let nio: [Target.Dependency] = [
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOPosix", package: "swift-nio"),
]

let package = Package(
    name: "eventsdash",
    products: [
        .executable(name: "eventsdash", targets: ["eventsdash"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // C libraries, through module maps and small shim headers.
        .systemLibrary(
            name: "CNCurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CMalloc"),

        // The pure model: catalog, datagrams, event JSON, JWT, config and webhook values. No file or
        // process I/O (GlusterEventsTests.ModelPurityTests checks the imports).
        .target(
            name: "GlusterEvents",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings + [.enableUpcomingFeature("MemberImportVisibility")]),
        // The cluster's health: the problems the events add up to, flapping, trends, mutes. Pure.
        .target(
            name: "ClusterHealth", dependencies: ["GlusterEvents"],
            swiftSettings: strictSettings + [.enableUpcomingFeature("MemberImportVisibility")]),
        // The host: files and their locks, the state layout, child processes, node identity, peer sync,
        // what the gluster CLI sees.
        .target(name: "GlusterHost", dependencies: ["GlusterEvents", "ClusterHealth"], swiftSettings: strictSettings),
        // The UDP receiver, and HTTP ingest of glustereventsd's webhook POSTs.
        .target(
            name: "EventIngest",
            dependencies: ["GlusterEvents", .product(name: "NIOHTTP1", package: "swift-nio")] + nio,
            swiftSettings: strictSettings),
        // The durable, append-only event log.
        .target(name: "EventLog", dependencies: ["GlusterEvents", "GlusterHost"], swiftSettings: strictSettings),
        // Webhook delivery from the log: per-webhook positions, retries, health, over libcurl's multi interface.
        .target(
            name: "WebhookDelivery", dependencies: ["GlusterEvents", "EventLog", "CCurl", "CMalloc"], swiftSettings: strictSettings),
        // The engine that `serve` (and the dashboard) run: ingest -> log -> delivery, lock, live status.
        .target(
            name: "EventsEngine",
            dependencies: [
                "GlusterEvents", "ClusterHealth", "GlusterHost", "EventIngest", "EventLog", "WebhookDelivery",
                .product(name: "Logging", package: "swift-log"), .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings),
        // The full-screen ncurses dashboard over the engine.
        .target(
            name: "Dashboard",
            dependencies: ["CNCurses", "GlusterEvents", "ClusterHealth", "GlusterHost", "EventLog", "EventsEngine", "WebhookDelivery"],
            swiftSettings: strictSettings),
        // The executable: command-line parsing and wiring only.
        .executableTarget(
            name: "eventsdash",
            dependencies: [
                "GlusterEvents", "ClusterHealth", "GlusterHost", "EventIngest", "EventLog", "EventsEngine", "WebhookDelivery", "Dashboard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings),

        // Fuzzing: the properties checked (shared with their regression tests) and the libFuzzer
        // binary, built with -sanitize=fuzzer by scripts/fuzz (a plain build replays files).
        .target(
            name: "FuzzChecks",
            dependencies: ["GlusterEvents", "EventIngest", .product(name: "NIOEmbedded", package: "swift-nio")] + nio,
            swiftSettings: strictSettings),
        .executableTarget(name: "eventsdash-fuzz", dependencies: ["FuzzChecks"], swiftSettings: strictSettings),

        // What the tests share: temporary directories, free ports, raw datagrams and TCP, waiting,
        // a shell, a recording HTTP server (the webhook end) and a tmux driver (a real terminal).
        .target(
            name: "TestSupport",
            dependencies: ["GlusterHost", .product(name: "NIOHTTP1", package: "swift-nio")] + nio,
            path: "Tests/TestSupport", swiftSettings: strictSettings),
        .testTarget(name: "GlusterEventsTests", dependencies: ["GlusterEvents", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "ClusterHealthTests", dependencies: ["ClusterHealth", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "GlusterHostTests", dependencies: ["GlusterHost", "ClusterHealth", "TestSupport"],
            swiftSettings: strictSettings),
        .testTarget(name: "FuzzChecksTests", dependencies: ["FuzzChecks"], swiftSettings: strictSettings),
        .testTarget(
            name: "EventIngestTests",
            dependencies: ["EventIngest", "GlusterEvents", "TestSupport", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: strictSettings),
        .testTarget(name: "EventLogTests", dependencies: ["EventLog", "GlusterEvents", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "WebhookDeliveryTests", dependencies: ["WebhookDelivery", "EventLog", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "EventsEngineTests", dependencies: ["EventsEngine", "ClusterHealth", "TestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings),
        .testTarget(
            name: "DashboardTests", dependencies: ["Dashboard", "ClusterHealth", "EventLog", "EventsEngine", "GlusterEvents", "GlusterHost", "WebhookDelivery"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["GlusterEvents", "GlusterHost", "eventsdash", "TestSupport"],
            swiftSettings: strictSettings),
    ]
)
