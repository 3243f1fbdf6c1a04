/// What a key asks of the dashboard, beyond the change a pane or overlay makes to itself.
enum Reaction {
    /// For the app to carry out (files, pings, redelivery, quitting).
    case command(DashboardState.Command)
    /// Opens an overlay, in place of the one open.
    case open(any Overlay)
    /// Closes the overlay that handled the key.
    case close
    /// A line for the key bar.
    case say(String, isError: Bool = false)
    /// Selects the event `to` in the events pane (pausing it there), and focuses it.
    case jump(to: UInt64)
    /// Narrows the events pane to what the filter matches (nil: every event), and focuses it.
    case filter(EventFilter?)
    /// Highlights what the search matches in the events pane (nil: no search) and selects the
    /// nearest match, newest first from the selection up.
    case search(EventFilter?)
    /// The key means nothing where the user is: the key bar says so (nothing, for the mouse).
    case unknownKey(Key)
}

extension Reaction {
    /// What a webhook key says while there is no webhook.
    static var noWebhookYet: Reaction { .say("no webhook yet: press a to add one", isError: true) }
}
