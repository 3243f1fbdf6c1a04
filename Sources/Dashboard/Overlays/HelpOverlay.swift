/// `?` or F1: the keys, in a box over the panes. Any key closes it (q still quits).
struct HelpOverlay: Overlay {
    static let lines = [
        "eventsdash — keys",
        "",
        "Tab Shift-Tab  move between the panes (Shift-Tab: events → health)",
        "↑↓ j k PgUp PgDn  select (events: pauses)   g G Home End  oldest, newest",
        "Space         pause or follow   End follow again   @ jump to a time",
        "/             filter events: every word must match; Esc clears it",
        "              event:BRICK_*,QUORUM_LOST (a comma: either)  sev:problem",
        "              since:10m  until:\"yesterday 18:00\"  volume:gv0  brick:/b1",
        "              peer:vm2  node:ID  key=value  text  -word  \"a phrase\"",
        "s  n N        search in the same words; n next below, N next above",
        "Enter         event in full (JSON, delivery; r redelivers it); Esc back",
        "              y copy its JSON (OSC 52)   w write it to a file",
        "c             counts per type, node, volume (1 10m  2 1h  3 24h  4 all)",
        "v             the cluster: volumes, sets, bricks (up, capacity, heal)",
        "Webhooks      Enter in full, with the events given up (r redelivers one)",
        "              a add  e edit  d delete  t test-ping  R retry now",
        "              r send the selected event again   ⚠ TLS not verified",
        "Config        Enter edit the value (events log: Enter toggles)",
        "Health        Enter its events  m mute  u unmute  a acknowledge  H history",
        "← →  h l      fields sideways    mouse: wheel, click, double-click",
        "? F1 help     q quit (with events waiting for webhooks: asks first)",
        "Any key closes this help.   Red: problems, yellow: limits, green: recovery",
    ]

    var hidesPanes: Bool { false }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        key == .character("q") ? [.command(.quit)] : [.close]
    }

    func draw(on surface: any Surface, _ frame: Frame) {
        Box(lines: Self.lines.map { ($0, .plain) }, title: nil).draw(on: surface)
    }
}
