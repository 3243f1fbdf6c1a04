import ArgumentParser
import ClusterHealth
import EventIngest
import Foundation
import EventLog
import EventsEngine
import GlusterEvents
import GlusterHost
import WebhookDelivery

/// The options of the commands that run an engine (`serve` and the dashboard).
struct EngineOptions: ParsableArguments {
    @Option(
        name: .customLong("listen"),
        help: "Address to receive on: HOST, HOST:PORT or [IPv6]:PORT; repeatable. Default: 0.0.0.0 and ::1.")
    var listen: [String] = []

    @Option(
        name: .customLong("allow-from"),
        help: ArgumentHelp(
            "Take UDP events only from this ADDRESS, ADDRESS/BITS network or host; repeatable. Loopback is always allowed; others are counted as rejected.",
            valueName: "SOURCE"))
    var allowFrom: [String] = []

    @Option(help: "Socket receive buffer to ask the kernel for, in bytes.")
    var receiveBuffer = Engine.defaultReceiveBufferBytes

    @Option(help: ArgumentHelp("Give up on a webhook request after this long.", valueName: "SECONDS"))
    var timeout = 10.0

    @Option(help: ArgumentHelp("Give up connecting to a webhook after this long.", valueName: "SECONDS"))
    var connectTimeout = 5.0

    @Option(
        help: ArgumentHelp(
            "Threads delivering to webhooks, each serving its share of them (default: one per CPU, at most 4).",
            valueName: "N"))
    var deliveryThreads = Engine.Options.defaultDeliveryThreads

    @Option(help: ArgumentHelp("First wait before retrying a failed delivery (it doubles each time).", valueName: "SECONDS"))
    var retryFirstDelay = 1.0

    @Option(help: ArgumentHelp("Longest wait between retries.", valueName: "SECONDS"))
    var retryMaxDelay = 300.0

    @Option(help: ArgumentHelp("Give an event up when its webhook has failed to take it for this long (it stays in the log).", valueName: "SECONDS"))
    var giveUpAfter = 6 * 3600.0

    @Option(help: ArgumentHelp("Flush the event log to disk this often (what a power loss may cost).", valueName: "SECONDS"))
    var fsyncInterval = 0.1

    @Option(help: ArgumentHelp("Start a new event log file at this size.", valueName: "MiB"))
    var logSegmentSize = EventLogWriter.defaultMaxSegmentBytes / (1024 * 1024)

    @Option(
        help: ArgumentHelp(
            "Keep about this much event log: the oldest files go first, once every webhook has their events.", valueName: "MiB"))
    var logRetention = Int(EventLogRetention.defaultRetentionBytes / (1024 * 1024))

    @Option(
        help: ArgumentHelp(
            "Never let the event log pass this size: beyond it the oldest files go even with events a webhook has not got (listed by 'given-up'). Default: 4 × --log-retention.",
            valueName: "MiB"))
    var logMaxSize: Int?

    @Option(
        help: ArgumentHelp(
            "Rotate the human-readable events log (events.log) at this size, as events.log.1 …", valueName: "MiB"))
    var eventsLogMaxSize = HumanEventsLog.Limits().maxBytes >> 20

    @Option(help: ArgumentHelp("How many rotated events logs to keep (events.log.1 … events.log.N).", valueName: "N"))
    var eventsLogFiles = HumanEventsLog.Limits().files

    @Option(
        help: ArgumentHelp(
            "Cut longer events.log lines, saying how many bytes were left out (the durable log keeps whole events).",
            valueName: "BYTES"))
    var eventsLogLineMax = HumanEventsLog.Limits().maxLineBytes

    @Option(
        help: ArgumentHelp(
            "While the event log cannot be written (e.g. a full disk), hold at most this much in memory; newer events are dropped and counted.",
            valueName: "MiB"))
    var holdLimit = 256

    @Option(
        help: ArgumentHelp(
            "The most event bytes waiting between the receivers and the log; past it, receiving waits (the kernel's socket buffer holds what arrives meanwhile).",
            valueName: "MiB"))
    var ingestQueueLimit = Engine.Options.defaultIngestQueueBytes >> 20

    @Option(
        name: .customLong("listen-http"),
        help: ArgumentHelp(
            "Also take events as webhook POSTs (glustereventsd's) on PORT (loopback), HOST:PORT or [IPv6]:PORT; repeatable.",
            valueName: "ADDRESS"))
    var listenHTTP: [String] = []

    @Option(
        help: ArgumentHelp(
            "HTTP ingest requires this bearer token ('-' reads it from standard input; default: $EVENTSDASH_HTTP_TOKEN).",
            valueName: "TOKEN"))
    var httpToken: String?

    @Option(
        help: ArgumentHelp(
            "HTTP ingest requires a JWT signed with this secret, as a webhook with a secret sends ('-' reads standard input; default: $EVENTSDASH_HTTP_SECRET).",
            valueName: "SECRET"))
    var httpSecret: String?

    @Option(help: ArgumentHelp("Refuse HTTP ingest bodies larger than this (413).", valueName: "BYTES"))
    var httpMaxBody = HTTPIngestLimits().maxBodyBytes

    @Option(help: ArgumentHelp("HTTP ingest: at most this many connections open at once.", valueName: "N"))
    var httpMaxConnections = HTTPIngestLimits().maxConnections

    @Option(help: ArgumentHelp("HTTP ingest: close a connection with no request under way after this long.", valueName: "SECONDS"))
    var httpIdleTimeout = HTTPIngestLimits().idleTimeoutSeconds

    @Option(help: ArgumentHelp("HTTP ingest: a request must arrive whole within this long of its first byte.", valueName: "SECONDS"))
    var httpRequestTimeout = HTTPIngestLimits().requestTimeoutSeconds

    @Option(help: ArgumentHelp("HTTP ingest: request bodies held in memory at once, over all connections (503 past it).", valueName: "BYTES"))
    var httpBodyBudget = HTTPIngestLimits().bodyBudgetBytes

    @Option(
        help: ArgumentHelp(
            "Also write the operator log (webhooks failing, a full disk, limits reached…) to this file, as glustereventsd does. Default when sharing glusterd's files: \(StateLayout.GlusterdPaths().eventsLogFile).",
            valueName: "PATH"))
    var logFile: String?

    @Option(
        name: [.customLong("cluster-poll-interval"), .customLong("reconcile-interval")],
        help: ArgumentHelp(
            "Ask gluster (`volume info`, `volume status all detail`, `pool list`) what it sees this often, from the start, and 2 s after events that change volumes, bricks or peers (0: never; nothing is run where there is no gluster CLI).",
            valueName: "SECONDS"))
    var clusterPollInterval = 60.0

    @Option(
        help: ArgumentHelp(
            "Ask each volume's heal counts (`heal info summary`: replicate and disperse), last rebalance (distributed) and quota limits (quota on) this often (0: never).",
            valueName: "SECONDS"))
    var healPollInterval = 120.0

    @Option(help: ArgumentHelp("Give each of those calls this long before it is killed (a heal summary walks each brick's backlog).", valueName: "SECONDS"))
    var healPollTimeout = 60.0

    @Option(
        help: ArgumentHelp(
            "Hold a problem this long before it counts: client quorum lost or a subvolume down that the volume's VOLUME_STOP explains within it never happened; no alert leaves before it.",
            valueName: "SECONDS"))
    var settleWindow = 5.0

    @Option(
        help: ArgumentHelp(
            "Sample what the polls measure (bricks' and volumes' used bytes, heal backlogs) this often at most, kept six hours across restarts, to forecast from.",
            valueName: "SECONDS"))
    var forecastSampleInterval = 300.0

    @Option(help: ArgumentHelp("A brick forecast to be full within this many days is a problem (brick full soon).", valueName: "DAYS"))
    var forecastHorizon = 7.0

    @Option(help: ArgumentHelp("A brick whose bytes or inodes are this full is filling up (a warning).", valueName: "PERCENT"))
    var capacityWarning = 80

    @Option(help: ArgumentHelp("A brick whose bytes or inodes are this full is nearly full (critical).", valueName: "PERCENT"))
    var capacityCritical = 90

    @Option(
        help: ArgumentHelp(
            "Serve Prometheus metrics at http://ADDRESS/metrics: PORT (loopback), HOST:PORT or [IPv6]:PORT; repeatable. With --listen-http, its listener serves /metrics too (behind its token).",
            valueName: "ADDRESS"))
    var metrics: [String] = []

    @Option(
        name: .customLong("alertmanager"),
        help: ArgumentHelp(
            "Send each open health problem to this Alertmanager as an alert (API v2; e.g. http://am:9093); repeatable, for an HA pair.",
            valueName: "URL"))
    var alertmanager: [String] = []

    @Option(
        help: ArgumentHelp(
            "Send firing alerts to Alertmanager again this often (they end by themselves after 4 times as long without eventsdash).",
            valueName: "SECONDS"))
    var alertmanagerResend = 60.0

    @Option(
        help: ArgumentHelp(
            "Alertmanager's user and password (basic authentication) from this file: one line, user:password; the file must be its owner's alone (0600). Default: $EVENTSDASH_ALERTMANAGER_CREDENTIALS.",
            valueName: "FILE"))
    var alertmanagerCredentials: String?

    @Flag(help: "Deliver events that arrived by HTTP to the webhooks too (off, so that two tools posting to each other never loop).")
    var forwardHTTPEvents = false

    func validate() throws {
        guard (1...64).contains(deliveryThreads) else { throw ValidationError("--delivery-threads must be 1 to 64") }
        for (name, value) in [("--timeout", timeout), ("--connect-timeout", connectTimeout), ("--retry-first-delay", retryFirstDelay)]
        where !(value > 0 && value <= 86400) {
            throw ValidationError("\(name) must be above 0 and at most 86400 seconds")
        }
        // Bounded so that the arithmetic on them (milliseconds, bytes) cannot overflow.
        if !(retryMaxDelay <= 86400 * 365) || !(giveUpAfter <= 86400 * 3650) || !(fsyncInterval <= 86400) {
            throw ValidationError("--retry-max-delay, --give-up-after and --fsync-interval are too large")
        }
        if !(1...(1 << 20)).contains(ingestQueueLimit) { throw ValidationError("--ingest-queue-limit must be 1 to 1048576 (MiB)") }
        if holdLimit > 1 << 20 || logSegmentSize > 1 << 20 || logRetention > 1 << 30 {
            throw ValidationError("--hold-limit and --log-segment-size are at most 1048576 MiB, --log-retention 1073741824 MiB")
        }
        if retryMaxDelay < retryFirstDelay { throw ValidationError("--retry-max-delay must be at least --retry-first-delay") }
        if !(giveUpAfter >= 0) || !(fsyncInterval >= 0) { throw ValidationError("--give-up-after and --fsync-interval cannot be negative") }
        if logSegmentSize < 1 || logRetention < logSegmentSize {
            throw ValidationError("--log-segment-size must be at least 1 and --log-retention at least the segment size")
        }
        if let logMaxSize, logMaxSize < logRetention { throw ValidationError("--log-max-size must be at least --log-retention") }
        if eventsLogMaxSize < 1 || eventsLogFiles < 0 || eventsLogLineMax < 256 {
            throw ValidationError("--events-log-max-size must be at least 1, --events-log-files 0 or more, --events-log-line-max at least 256")
        }
        if holdLimit < 1 { throw ValidationError("--hold-limit must be at least 1 (MiB)") }
        if !(clusterPollInterval >= 0 && clusterPollInterval <= 86400) { throw ValidationError("--cluster-poll-interval must be 0 to 86400 seconds") }
        if !(healPollInterval >= 0 && healPollInterval <= 86400) || !(healPollTimeout >= 1 && healPollTimeout <= 3600) {
            throw ValidationError("--heal-poll-interval must be 0 to 86400 seconds, --heal-poll-timeout 1 to 3600")
        }
        if !(forecastSampleInterval >= 1 && forecastSampleInterval <= 86400) || !(forecastHorizon > 0 && forecastHorizon <= 3650) {
            throw ValidationError("--forecast-sample-interval must be 1 to 86400 seconds, --forecast-horizon more than 0 and at most 3650 days")
        }
        if !(settleWindow >= 0 && settleWindow <= 600) { throw ValidationError("--settle-window must be 0 to 600 seconds") }
        if !(1...100).contains(capacityWarning) || !(capacityWarning...100).contains(capacityCritical) {
            throw ValidationError("--capacity-warning and --capacity-critical must be 1 to 100 percent, the warning at most the critical")
        }
        for text in listenHTTP where Self.httpAddress(text) == nil {
            throw ValidationError("--listen-http \(text): give PORT, HOST:PORT or [IPv6]:PORT")
        }
        for text in metrics where Self.httpAddress(text) == nil {
            throw ValidationError("--metrics \(text): give PORT, HOST:PORT or [IPv6]:PORT")
        }
        if httpToken != nil && httpSecret != nil { throw ValidationError("give --http-token or --http-secret, not both") }
        if !(1024...(1 << 30)).contains(httpMaxBody) { throw ValidationError("--http-max-body must be 1024 to 1 GiB") }
        if !(httpMaxBody...(1 << 34)).contains(httpBodyBudget) {
            throw ValidationError("--http-body-budget must be at least --http-max-body (and at most 16 GiB)")
        }
        if !(1...1_000_000).contains(httpMaxConnections) { throw ValidationError("--http-max-connections must be 1 to 1000000") }
        for (name, value) in [("--http-idle-timeout", httpIdleTimeout), ("--http-request-timeout", httpRequestTimeout)]
        where !(0.1...86400).contains(value) {
            throw ValidationError("\(name) must be 0.1 to 86400 seconds")
        }
        for url in alertmanager {
            do {
                _ = try AlertmanagerEndpoint(url)
            } catch {
                throw ValidationError("--alertmanager \(url): \(error)")
            }
        }
        if Set(try alertmanagerEndpoints).count != alertmanager.count { throw ValidationError("--alertmanager: each URL once") }
        if !(1...3600).contains(alertmanagerResend) { throw ValidationError("--alertmanager-resend must be 1 to 3600 seconds") }
        if listenHTTP.isEmpty && (httpToken != nil || httpSecret != nil || forwardHTTPEvents) {
            throw ValidationError("HTTP ingest options need --listen-http")
        }
    }

    /// Starts an engine, or attaches to the one already running on the workdir (the service): the
    /// dashboard then shows and manages that one, and quitting leaves it running.
    /// `port`: `--port`, or nil for the config's.
    func startOrAttach(layout: StateLayout, port: Int?, recentEvents: RecentEventsLimits) throws -> any EngineAccess {
        do {
            return try startEngine(layout: layout, port: port, recentEvents: recentEvents, quietWhenBusy: true)
        } catch let busy as EngineLock.Busy {
            do {
                return try AttachedEngine(layout: layout, pid: busy.pid, recentEvents: recentEvents)
            } catch {
                log("eventsdash: an engine runs on this workdir (\(busy.pid.map { "pid \($0)" } ?? "?")) but its files cannot be read: \(error)")
                throw ExitCode.failure
            }
        }
    }

    /// Starts an engine, or prints why it cannot start and exits 1.
    /// `quietWhenBusy`: another engine holding the workdir is thrown as `EngineLock.Busy`, not reported.
    /// `logging`: the engine tells what changes (webhooks failing, limits reached…) on standard
    /// error, at config `log-level` (`serve`; the dashboard's standard error is its screen).
    func startEngine(
        layout: StateLayout, port: Int?, recentEvents: RecentEventsLimits, logging: Bool = false, quietWhenBusy: Bool = false
    ) throws -> Engine {
        if let notice = layout.notice { log("note: \(notice)") }
        let logFile = self.logFile ?? (layout.sharesGlusterdFiles ? StateLayout.GlusterdPaths().eventsLogFile : nil)
        do {
            var options = Engine.Options(
                layout: layout, port: port, listen: listen, receiveBufferBytes: receiveBuffer,
                recentEvents: recentEvents)
            options.ingestQueueBytes = ingestQueueLimit << 20
            if logging || logFile != nil {
                options.logger = OperatorLog.logger(level: options.logLevel, standardError: logging, file: logFile)
            }
            options.totalTimeoutMillis = Int(timeout * 1000)
            options.connectTimeoutMillis = Int(connectTimeout * 1000)
            options.deliveryThreads = deliveryThreads
            options.retryPolicy = RetryPolicy(
                firstDelaySeconds: retryFirstDelay, maxDelaySeconds: retryMaxDelay, maxRetrySeconds: giveUpAfter)
            options.syncInterval = fsyncInterval
            if clusterPollInterval > 0 {
                options.observeCluster = { ObservedCluster.fromGlusterCLI() }
                options.clusterPollInterval = clusterPollInterval
                if healPollInterval > 0 {
                    options.observeVolumeDetails = { [healPollTimeout] in VolumeDetails.fromGlusterCLI($0, deadline: healPollTimeout) }
                    options.healPollInterval = healPollInterval
                }
            }
            options.health.settleWindow = settleWindow
            options.health.sampleInterval = forecastSampleInterval
            options.health.forecastHorizon = forecastHorizon * 86_400
            options.health.capacityWarning = Double(capacityWarning) / 100
            options.health.capacityCritical = Double(capacityCritical) / 100
            options.segmentBytes = logSegmentSize * 1024 * 1024
            options.retention = EventLogRetention(
                retentionBytes: Int64(logRetention) * 1024 * 1024, maxBytes: logMaxSize.map { Int64($0) * 1024 * 1024 })
            options.holdLimitBytes = holdLimit * 1024 * 1024
            options.humanLogLimits = HumanEventsLog.Limits(
                maxBytes: eventsLogMaxSize << 20, files: eventsLogFiles, maxLineBytes: eventsLogLineMax)
            if !alertmanager.isEmpty {
                var settings = AlertmanagerSettings(endpoints: try alertmanagerEndpoints, resendInterval: alertmanagerResend)
                settings.pendingFor = settleWindow
                settings.connectTimeoutMillis = options.connectTimeoutMillis
                settings.totalTimeoutMillis = options.totalTimeoutMillis
                settings.credentials = try alertmanagerCredentialsValue()
                options.alertmanager = settings
            }
            if !allowFrom.isEmpty { options.allowedSources = try SourceAllowlist(allowFrom) }
            options.metrics = metrics.compactMap(Self.httpAddress)
            options.version = Eventsdash.version
            if !listenHTTP.isEmpty {
                options.httpIngest = HTTPIngestServer.Settings(
                    addresses: listenHTTP.compactMap(Self.httpAddress), auth: try httpAuth(), limits: httpLimits)
                options.forwardHTTPEvents = forwardHTTPEvents
            }
            return try Engine(options: options)
        } catch let busy as EngineLock.Busy where quietWhenBusy {
            throw busy
        } catch {
            log("eventsdash: \(error)")
            // glustereventsd's log file hears of it too (a file that cannot be opened was said already).
            logFile.map { GlustereventsdLogFile(path: $0, complain: { _ in }).append(level: .critical, message: "cannot start: \(error)") }
            throw ExitCode.failure
        }
    }

    /// `user:password` from `--alertmanager-credentials` (a file its owner's alone) or the environment.
    private func alertmanagerCredentialsValue() throws -> String? {
        guard let path = alertmanagerCredentials else {
            return ProcessInfo.processInfo.environment["EVENTSDASH_ALERTMANAGER_CREDENTIALS"].flatMap { $0.isEmpty ? nil : $0 }
        }
        var status = stat()
        guard stat(path, &status) == 0 else { throw ValidationError("--alertmanager-credentials \(path): \(String(cString: strerror(errno)))") }
        guard status.st_mode & 0o077 == 0 else {
            throw ValidationError("--alertmanager-credentials \(path): others may read it (chmod 600 \(path))")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), text.utf8.count <= 4096,
            let line = text.split(whereSeparator: \.isNewline).first.map(String.init), line.contains(":")
        else { throw ValidationError("--alertmanager-credentials \(path): give one line, user:password") }
        return line
    }

    private var alertmanagerEndpoints: [AlertmanagerEndpoint] {
        get throws { try alertmanager.map { try AlertmanagerEndpoint($0) } }
    }

    private var httpLimits: HTTPIngestLimits {
        var limits = HTTPIngestLimits()
        limits.maxBodyBytes = httpMaxBody
        limits.maxConnections = httpMaxConnections
        limits.idleTimeoutSeconds = httpIdleTimeout
        limits.requestTimeoutSeconds = httpRequestTimeout
        limits.bodyBudgetBytes = httpBodyBudget
        return limits
    }

    /// `PORT` (on loopback), `HOST:PORT` or `[IPv6]:PORT`.
    static func httpAddress(_ text: String) -> ListenAddress? {
        if let port = Int(text) { return (1...65535).contains(port) ? ListenAddress(host: "127.0.0.1", port: port) : nil }
        guard let address = ListenAddress.parse(text, defaultPort: 0), address.port > 0 else { return nil }
        return address
    }

    /// The token or secret from its option, standard input (`-`) or the environment.
    private func httpAuth() throws -> HTTPIngestAuth {
        let environment = ProcessInfo.processInfo.environment
        if let token = try Self.secretValue(httpToken ?? environment["EVENTSDASH_HTTP_TOKEN"], name: "--http-token") {
            return .bearer(token: token)
        }
        if let secret = try Self.secretValue(httpSecret ?? environment["EVENTSDASH_HTTP_SECRET"], name: "--http-secret") {
            return .jwt(secret: secret)
        }
        return .none
    }

    private static func secretValue(_ value: String?, name: String) throws -> String? {
        guard let value, !value.isEmpty else { return nil }
        guard value == "-" else { return value }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("\(name) -: standard input held no value")
        }
        return line
    }
}
