/// `?` or F1: the keys, in a box over the panes. Any key closes it (q still quits).
struct HelpOverlay: Overlay {
    static let lines = [
        "eventsdash — keys",
        "",
        "Tab Shift-Tab  move between the panes (Shift-Tab: events → health)",
        "↑ ↓  j k      move the selection (in events: pauses the view)",
        "PgUp PgDn     one page          g G  Home End  oldest / newest",
        "Space         pause or follow   End  follow again",
        "/             filter events: every word must match; Esc clears the filter",
        "              event:BRICK_*,QUORUM_LOST (a comma: either)  sev:problem",
        "              since:10m  until:\"yesterday 18:00\"  (14:02, 2026-11-30T14:02)",
        "              volume:gv0  brick:/b1  peer:vm2  node:ID  key=value  text",
        "              -word excludes, \"a phrase\"",
        "s  n N        search in the same words: matches underlined; n below, N above",
        "              (Esc clears the search, then the filter)",
        "Enter         event in full (JSON, delivery; r redelivers it); Esc back",
        "              y copy its JSON to the clipboard (OSC 52)  w write it to a file",
        "c             counts per type, node, volume, histogram (1 10m 2 1h 3 24h 4 all)",
        "Webhooks      Enter: the webhook in full, with the events given up on",
        "              (r redelivers one)   a add  e edit  d delete  t test-ping",
        "              r redeliver the selected event to the selected webhook",
        "              R retry now (a test ping that gets through does too)",
        "              ⚠ before a URL: its TLS certificate is not checked",
        "Config        Enter edit the value (events log: Enter toggles)",
        "Health        Enter: the problem's events (Esc clears the filter)",
        "              m mute (30m 2h 1d)  u unmute  a acknowledge (closes it)",
        "Mouse         wheel scrolls, click selects, double-click opens",
        "? F1          this help        q  quit (the engine stops too)",
        "",
        "Colours: red problems, yellow limits crossed, green recoveries.",
        "Header's last row: the cluster's health (OK, WARNING, CRITICAL).",
        "Any key closes this help.",
    ]

    var hidesPanes: Bool { false }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        key == .character("q") ? [.command(.quit)] : [.close]
    }

    func draw(on surface: any Surface, _ frame: Frame) {
        Box(lines: Self.lines.map { ($0, .plain) }, title: nil).draw(on: surface)
    }
}
