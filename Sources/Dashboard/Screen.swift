import CNCurses
import Foundation

/// The terminal, through ncursesw: the only place that calls curses. One thread (the dashboard's)
/// uses it; curses is not thread-safe.
final class Screen {
    /// Colour pairs, by what they mean.
    enum Style: Int16 {
        case plain = 0
        case problem = 1
        case warning = 2
        case recovery = 3
        case bar = 4
        case heading = 5
    }

    private let window: UnsafeMutablePointer<WINDOW>
    private let colours: Bool

    /// Takes over the terminal. `colours` false honours NO_COLOR.
    init(colours wanted: Bool) {
        setlocale(LC_ALL, "")
        window = initscr()!
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        curs_set(0)
        wtimeout(window, 100)
        colours = wanted && has_colors()
        if colours {
            start_color()
            use_default_colors()
            init_pair(Style.problem.rawValue, Int16(COLOR_RED), -1)
            init_pair(Style.warning.rawValue, Int16(COLOR_YELLOW), -1)
            init_pair(Style.recovery.rawValue, Int16(COLOR_GREEN), -1)
            init_pair(Style.bar.rawValue, Int16(COLOR_BLACK), Int16(COLOR_CYAN))
            init_pair(Style.heading.rawValue, Int16(COLOR_CYAN), -1)
        }
    }

    /// Gives the terminal back as it was.
    func end() {
        endwin()
    }

    var size: (rows: Int, columns: Int) {
        var rows: Int32 = 0
        var columns: Int32 = 0
        ed_getmaxyx(window, &rows, &columns)
        return (Int(rows), Int(columns))
    }

    /// The next key, or nil after the input timeout (100 ms).
    func readKey() -> Key? {
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == ERR { return nil }
        if result == KEY_CODE_YES {
            switch Int32(character) {
            case KEY_RESIZE: return .resize
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_F0 + 1: return .help
            default: return .other
            }
        }
        switch Unicode.Scalar(UInt32(character)).map(Character.init) {
        case "q", "Q": return .quit
        case "k": return .up
        case "j": return .down
        case "g": return .home
        case "G": return .end
        case " ": return .pause
        case "?": return .help
        case "\u{1B}": return .escape
        default: return .other
        }
    }

    /// Keys by what they do (htop/less conventions: arrows and j/k, g/G, Space).
    enum Key { case quit, resize, up, down, pageUp, pageDown, home, end, pause, help, escape, other }

    func erase() { werase(window) }

    /// Writes `text` at a row and column; a full-width bar when `fill` is set.
    func write(_ text: String, row: Int, column: Int = 0, style: Style = .plain, bold: Bool = false, fill: Bool = false) {
        var attributes: attr_t = colours && style != .plain ? ed_color_pair(style.rawValue) : 0
        if bold || (!colours && (style == .bar || style == .problem)) { attributes |= ed_a_bold() }
        if !colours && style == .bar { attributes |= ed_a_reverse() }
        wattr_on(window, attributes, nil)
        var line = text
        if fill { line += String(repeating: " ", count: max(0, size.columns - column - Cell.width(of: text))) }
        mvwaddstr(window, Int32(row), Int32(column), line)
        wattr_off(window, attributes, nil)
    }

    /// Shows what was written: one `doupdate` per frame.
    func show() {
        wnoutrefresh(window)
        doupdate()
    }
}
