/// One part of the dashboard with a job of its own (the events, the webhooks, the config): its
/// title, how it draws its body, the keys and mouse actions it answers and the keys it offers.
///
/// `DashboardLayout.panes` lists the panes: where each goes, the order Tab moves through them,
/// which one a click focuses and the wheel scrolls. `DashboardState` gives a key to the focused
/// pane once the keys every pane shares (q, ?, Tab, /, Esc) are handled.
protocol Pane {
    /// The pane's title row.
    func title(_ frame: Frame) -> PaneTitle
    /// Draws what is below the title; `surface` is clipped to that area.
    func draw(on surface: any Surface, focused: Bool, _ frame: Frame)
    /// The pane's keys for the key bar, after those every pane shares.
    func keyHints() -> String
    /// Whether the pane is typing in a field: then it gets every key, the shared ones too, and its
    /// hints are the key bar's only ones.
    var isTyping: Bool { get }
    /// A key, while the pane has the focus.
    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction]
    /// The wheel over the pane, or a click on it (which has focused it), at a place relative to the
    /// area below its title (row -1: the title).
    mutating func handle(_ mouse: MouseAction, _ context: KeyContext) -> [Reaction]
}

extension Pane {
    var isTyping: Bool { false }
    mutating func handle(_ mouse: MouseAction, _ context: KeyContext) -> [Reaction] { [] }
}
