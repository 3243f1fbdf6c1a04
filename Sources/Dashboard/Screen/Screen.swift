import CNCurses
import GlusterEvents
import Foundation

/// The terminal, through ncursesw: the only place that calls curses. One thread (the dashboard's)
/// uses it; curses is not thread-safe.
final class Screen: Surface {
    private let window: UnsafeMutablePointer<WINDOW>
    private let colours: Bool

    /// Takes over the terminal. `colours` false honours NO_COLOR.
    init(colours wanted: Bool) {
        setlocale(LC_ALL, "")
        // Events, box lines and the sparkline are UTF-8: without a UTF-8 locale (LANG unset, as
        // under many service managers and CI), curses would show them as byte escapes.
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" { setlocale(LC_CTYPE, "C.UTF-8") }
        TerminalRescue.install()
        window = initscr()!
        cbreak()
        // Ctrl-S saves a form: the terminal's flow control would take it (and freeze the screen
        // until Ctrl-Q). Off for the dashboard's mode only: endwin gives back the shell's.
        var mode = termios()
        if tcgetattr(STDIN_FILENO, &mode) == 0 {
            mode.c_iflag &= ~tcflag_t(IXON)
            tcsetattr(STDIN_FILENO, TCSANOW, &mode)
            def_prog_mode()
        }
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        curs_set(0)
        mousemask(ed_mouse_buttons(), nil)
        mouseinterval(200)
        colours = wanted && has_colors()
        if colours {
            start_color()
            use_default_colors()
            init_pair(Style.problem.rawValue, Int16(COLOR_RED), -1)
            init_pair(Style.warning.rawValue, Int16(COLOR_YELLOW), -1)
            init_pair(Style.recovery.rawValue, Int16(COLOR_GREEN), -1)
            init_pair(Style.bar.rawValue, Int16(COLOR_BLACK), Int16(COLOR_CYAN))
            init_pair(Style.heading.rawValue, Int16(COLOR_CYAN), -1)
            init_pair(Style.muted.rawValue, ed_colors() >= 16 ? 8 : Int16(COLOR_WHITE), -1)
        }
    }

    /// Gives the terminal back as it was.
    func end() {
        mousemask(0, nil)
        endwin()
        TerminalRescue.uninstall()
    }

    var size: (rows: Int, columns: Int) {
        var rows: Int32 = 0
        var columns: Int32 = 0
        ed_getmaxyx(window, &rows, &columns)
        return (Int(rows), Int(columns))
    }

    /// How long `readKey` waits for a key: a frame at 30 frames/s while things change, longer when
    /// nothing does (fewer wake-ups when idle).
    func setKeyWait(milliseconds: Int) {
        wtimeout(window, Int32(milliseconds))
    }

    /// The next key, or nil once the key wait is over.
    func readKey() -> Key? {
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == ERR { return nil }
        if result == KEY_CODE_YES { return functionKey(Int32(character)) }
        switch character {
        case 0x09: return .tab
        case 0x0A, 0x0D: return .enter
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x03: return .control("c")
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(UInt8(character) + 0x60)))
        default: return Unicode.Scalar(UInt32(character)).map { .character(Character($0)) } ?? .other
        }
    }

    private func functionKey(_ code: Int32) -> Key {
        switch code {
        case KEY_RESIZE: return .resize
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_ENTER: return .enter
        case KEY_MOUSE: return mouse() ?? .other
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .function(Int(code - KEY_F0))
        default: return .other
        }
    }

    private func mouse() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let row = Int(event.y)
        let column = Int(event.x)
        if event.bstate & ed_wheel_up() != 0 { return .mouse(.wheelUp(row: row, column: column)) }
        if event.bstate & ed_wheel_down() != 0 { return .mouse(.wheelDown(row: row, column: column)) }
        if event.bstate & ed_button1_double_click() != 0 { return .mouse(.doubleClick(row: row, column: column)) }
        if event.bstate & ed_button1_click() != 0 { return .mouse(.click(row: row, column: column)) }
        return nil
    }

    func erase() {
        curs_set(0)
        werase(window)
    }

    func put(_ text: String, row: Int, column: Int, style: Style, attributes: TextAttributes) {
        var curses: attr_t = colours && style != .plain ? ed_color_pair(style.rawValue) : 0
        if attributes.contains(.bold) || (!colours && (style == .bar || style == .problem)) { curses |= ed_a_bold() }
        if attributes.contains(.reverse) || (!colours && style == .bar) { curses |= ed_a_reverse() }
        if attributes.contains(.underline) { curses |= ed_a_underline() }
        if !colours && style == .muted { curses |= ed_a_dim() }
        wattr_on(window, curses, nil)
        // Callers escape outside text where they lay it out; this is the last line of defence: no
        // control character reaches the terminal from any cell, whatever a caller forgot.
        var line = TerminalText.escaped(text)
        if line.utf8.count != text.utf8.count { line = Cell.fit(line, max(0, size.columns - column)) }
        mvwaddstr(window, Int32(row), Int32(column), line)
        wattr_off(window, curses, nil)
    }

    func showCursor(row: Int, column: Int) {
        wmove(window, Int32(row), Int32(column))
        curs_set(1)
    }

    /// Puts text on the terminal's clipboard: its OSC 52 sequence, written straight to the terminal
    /// once the frame is out (`show`; curses has flushed its own output). It draws nothing and
    /// moves no cursor, so what curses believes is on the screen stays true.
    func copy(_ clipboard: ClipboardCopy) {
        var rest = clipboard.sequence[...]
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            rest = rest.dropFirst(written)
        }
    }

    /// Shows what was written: one `doupdate` per frame.
    func show() {
        wnoutrefresh(window)
        doupdate()
    }
}
