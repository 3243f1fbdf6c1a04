import Foundation

/// A byte count as people read it: `4.0 MiB`, `208 KiB`, `512 B`.
func formatBytes(_ bytes: Int) -> String {
    if bytes >= 1 << 20 { return String(format: "%.1f MiB", Double(bytes) / Double(1 << 20)) }
    if bytes >= 1 << 10 { return String(format: "%.0f KiB", Double(bytes) / Double(1 << 10)) }
    return "\(bytes) B"
}
