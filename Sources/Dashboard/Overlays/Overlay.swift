/// Something open over the panes that takes every key while open: a view of one event or
/// webhook, a form, a prompt, the help. It closes itself (`Reaction.close`).
protocol Overlay {
    /// Whether it takes the place of the panes (a view), rather than showing over them.
    var hidesPanes: Bool { get }
    /// The key bar's hints while it is open; nil leaves the focused pane's.
    var keyHints: String? { get }
    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction]
    /// Draws the overlay; `surface` is the whole screen.
    func draw(on surface: any Surface, _ frame: Frame)
    /// Draws the key bar itself (a prompt, a question) on `bar`, its one row; false leaves the
    /// message or the hints.
    func drawKeyBar(on bar: any Surface, message: (text: String, isError: Bool)?) -> Bool
    /// Keeps within what the data allows after a key or new data (a view's scroll).
    mutating func fit(to frame: Frame)
    /// Still working through the data a little per frame (the counts view reading the held
    /// events): the dashboard draws again at once rather than at the next second.
    var isWorking: Bool { get }
}

extension Overlay {
    var keyHints: String? { nil }
    /// A prompt draws nothing but its key bar.
    func draw(on surface: any Surface, _ frame: Frame) {}
    func drawKeyBar(on bar: any Surface, message: (text: String, isError: Bool)?) -> Bool { false }
    mutating func fit(to frame: Frame) {}
    var isWorking: Bool { false }
}
