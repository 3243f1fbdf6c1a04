import CNCurses
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Text for terminal cells: display widths (wide characters take two columns), cutting to a
/// width, and escaping control characters so event fields can never drive the terminal.
enum Cell {
    static func width(of text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + scalarWidth($1) }
    }

    /// `text` cut to at most `width` columns (with `…` when cut), then padded to exactly `width`.
    /// `keepingEnd` cuts the start instead (for paths).
    static func fit(_ text: String, _ width: Int, keepingEnd: Bool = false) -> String {
        guard width > 0 else { return "" }
        if keepingEnd, self.width(of: text) > width {
            var kept = String.UnicodeScalarView()
            var used = 1
            for scalar in text.unicodeScalars.reversed() {
                used += scalarWidth(scalar)
                if used > width { break }
                kept.insert(scalar, at: kept.startIndex)
            }
            return fit("…" + String(kept), width)
        }
        var used = 0
        var out = String.UnicodeScalarView()
        let total = self.width(of: text)
        let limit = total > width ? width - 1 : width
        for scalar in text.unicodeScalars {
            let w = scalarWidth(scalar)
            if used + w > limit { break }
            out.append(scalar)
            used += w
        }
        if total > width {
            out.append("…")
            used += 1
        }
        return String(out) + String(repeating: " ", count: max(0, width - used))
    }

    /// `text` cut to at most `width` columns, without a mark: what falls past the edge of a region.
    static func clip(_ text: String, _ width: Int) -> String {
        guard self.width(of: text) > width else { return text }
        var used = 0
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            used += scalarWidth(scalar)
            if used > width { break }
            out.append(scalar)
        }
        return String(out)
    }

    /// `text` without its first `columns` columns, `…` in front when any were left out: a line
    /// scrolled sideways.
    static func dropping(_ columns: Int, of text: String) -> String {
        guard columns > 0 else { return text }
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var skipped = 0
        while index < scalars.endIndex, skipped <= columns {  // one column more, for the mark
            skipped += scalarWidth(scalars[index])
            index = scalars.index(after: index)
        }
        return "…" + String(scalars[index...])
    }

    /// `text` cut in the middle (`…`) to at most `width` columns, then padded: for URLs, whose host
    /// and path both tell webhooks apart.
    static func fitMiddle(_ text: String, _ width: Int) -> String {
        guard width > 4, self.width(of: text) > width else { return fit(text, width) }
        let headWidth = (width - 1) / 2
        let head = fit(text, headWidth + 1).dropLast()  // without its own "…"
        let tail = fit(text, width - headWidth, keepingEnd: true).dropFirst()
        return String(head) + "…" + String(tail)
    }

    private static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
        let w = Int(ed_wcwidth(wchar_t(bitPattern: scalar.value)))
        return w < 0 ? 1 : w
    }
}
