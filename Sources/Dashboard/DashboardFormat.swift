import EventsEngine
import GlusterEvents
import Foundation

/// How figures read on the dashboard: thousands grouped, durations and sizes short.
enum DashboardFormat {
    /// `1,234,567`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// A count in at most 7 columns, for table columns: exact below a million (`154,831`), then
    /// in millions and up with one decimal below 100 (`1.2M`, `15.4M`, `154M`, `2.1G`; M, G, T,
    /// P, E as SI's prefixes). The figure is cut, never rounded up: `1.2M` means at least 1,200,000.
    static func compactCount(_ value: Int) -> String {
        let magnitude = value.magnitude
        guard magnitude >= 1_000_000 else { return count(value) }
        var unit: UInt = 1_000_000
        var prefixes = ["M", "G", "T", "P", "E"][...]
        while magnitude / unit >= 1000, prefixes.count > 1 {
            unit *= 1000
            prefixes.removeFirst()
        }
        let whole = magnitude / unit
        let text = whole >= 100 ? "\(whole)" : "\(whole).\(magnitude % unit / (unit / 10))"
        return (value < 0 ? "-" : "") + text + prefixes.first!
    }

    /// `0.8ms`, `12ms`, `1.5s`.
    static func millis(_ value: Double) -> String {
        switch value {
        case ..<10: String(format: "%.1fms", value)
        case ..<1000: String(format: "%.0fms", value)
        default: String(format: "%.1fs", value / 1000)
        }
    }

    /// `14:03:07`, local time.
    static func clock(millis: Int64) -> String {
        let parts = localTime(millis: millis)
        return String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    /// When an event came, in local time: `14:03:07` on the day of `nowMillis`, `Nov 24 14:03:07`
    /// on another day of its year, `2025-11-24 14:03:07` in another year.
    static func eventTime(millis: Int64, nowMillis: Int64) -> String {
        let (parts, today) = (localTime(millis: millis), localTime(millis: nowMillis))
        let clock = String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
        if parts.tm_year == today.tm_year {
            guard parts.tm_yday != today.tm_yday else { return clock }
            return monthNames[Int(parts.tm_mon)] + String(format: " %02d ", parts.tm_mday) + clock
        }
        return String(format: "%04d-%02d-%02d ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday) + clock
    }

    /// English, as gluster's and syslog's dates are, whatever the locale.
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `2026-11-25 14:03:07.123`, local time.
    static func timestamp(millis: Int64) -> String {
        let parts = localTime(millis: millis)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d.%03d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
            parts.tm_hour, parts.tm_min, parts.tm_sec, Int(millis % 1000))
    }

    /// `http_connection_limit 12, http_too_large 3`: the limits reached, most often first.
    static func limits(_ limits: [String: Int]) -> String {
        limits.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \(count($0.value))" }.joined(separator: ", ")
    }

    /// `4s`, `3m`, `2h`, `5d`: how long ago, roughly.
    static func age(seconds: Int64) -> String {
        switch max(0, seconds) {
        case ..<60: "\(max(0, seconds))s"
        case ..<3600: "\(seconds / 60)m"
        case ..<86400: "\(seconds / 3600)h"
        default: "\(seconds / 86400)d"
        }
    }

    /// How long ago `since` was at `now` (Unix seconds, from outside: clamped, never trapping).
    static func age(since: Double, now: Double) -> String { age(clamping: now - since) }

    /// `age(seconds:)` of a figure read from outside (a status file): clamped, never trapping.
    static func age(clamping seconds: Double) -> String {
        age(seconds: seconds.isFinite ? Int64(max(0, min(seconds, 1e15))) : 0)
    }

    /// When something is due: `in 12s`, `in 3m`, or `now` once it is (Unix seconds, clamped).
    static func inAbout(_ time: Double, now: Double) -> String {
        let seconds = time - now
        guard seconds.isFinite, seconds >= 1 else { return "now" }
        return "in " + age(seconds: Int64(min(seconds, 1e15)))
    }

    /// When a mute ends: `14:05` within a day of `now`, else `11-27 14:05` (local time).
    static func until(_ time: Double, now: Double) -> String {
        let millis = time.isFinite ? Int64(max(0, min(time, 1e15)) * 1000) : 0
        let minute = String(clock(millis: millis).prefix(5))
        guard time - now >= 86400 else { return minute }
        let parts = localTime(millis: millis)
        return String(format: "%02d-%02d ", parts.tm_mon + 1, parts.tm_mday) + minute
    }

    /// The header's nodes: `node vm` while events come from one node (or none), else each node
    /// heard from, busiest first, with its events and how long ago the last one came:
    /// `nodes vm 1,204 0s · gluster-2 310 1m`.
    static func nodes(_ nodes: [String: NodeStatus], local: String, nowMillis: Int64) -> String {
        func label(_ id: String) -> String { nodes[id]?.name ?? String(id.prefix(8)) }
        let heard = nodes.filter { $0.value.events > 0 }.sorted {
            ($0.value.events, $1.key) > ($1.value.events, $0.key)
        }
        guard heard.count > 1 else { return "node \(label(heard.first?.key ?? local))" }
        return "nodes "
            + heard.map { id, node in
                "\(label(id)) \(count(node.events)) \(age(seconds: nowMillis.saturatingSubtracting(node.lastEventAtMillis ?? nowMillis) / 1000))"
            }.joined(separator: " · ")
    }

    private static func localTime(millis: Int64) -> tm {
        var seconds = time_t(millis / 1000)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return parts
    }
}
