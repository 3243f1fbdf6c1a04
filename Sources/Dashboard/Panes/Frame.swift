/// What panes and overlays draw from: one frame's data, the layout, and the filter and search
/// the events pane shows.
struct Frame {
    let data: DashboardData
    let layout: DashboardLayout
    let filter: FilteredEvents?
    /// What the events pane highlights (`s`).
    var search: EventFilter? = nil

    /// The events the events pane lists: every one held, or the filter's matches.
    var rows: EventRows { filter?.rows ?? .all(data.reachable) }
}
