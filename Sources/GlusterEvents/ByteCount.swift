import Foundation

/// Sizes in words for people.
public enum ByteCount {
    /// `512 B`, `3.4 KiB`, `12.0 MiB`, `1.2 GiB`.
    public static func text(_ value: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1024, unit < units.count - 1 {
            amount /= 1024
            unit += 1
        }
        return unit == 0 ? "\(value) B" : String(format: "%.1f ", amount) + units[unit]
    }
}
