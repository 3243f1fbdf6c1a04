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
        guard unit > 0 else { return "\(value) B" }
        let tenths = Int((amount * 10).rounded(.toNearestOrEven))  // as printf's %.1f
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}
