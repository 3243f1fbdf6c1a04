import GlusterEvents

extension DashboardView {
    /// The config pane: the three gluster settings (editable in place) and where the files are.
    func drawConfig() {
        let pane = layout.config
        let focused = state.focus == .config
        // The separator between the webhooks and config panes.
        for row in pane.top..<(pane.top + pane.height) {
            screen.write("│", row: row, column: pane.left - 1, style: .heading)
        }
        drawTitle("CONFIG", pane: pane, focused: focused)
        let top = pane.contentTop(columnNames: false)
        for (offset, item) in ConfigItem.allCases.enumerated() where offset < pane.contentHeight(columnNames: false) {
            let label = " " + Cell.fit(item.label, 11)
            let valueWidth = pane.width - Cell.width(of: label)
            let row = top + offset
            let selected = focused && offset == state.selectedConfig
            if case .configEdit(let editing, let editor) = state.mode, editing == item {
                screen.write(label, row: row, column: pane.left, .bold)
                let (text, cursor) = editor.visible(width: valueWidth)
                screen.write(Cell.fit(text, valueWidth), row: row, column: pane.left + Cell.width(of: label), .underline)
                screen.showCursor(row: row, column: pane.left + Cell.width(of: label) + cursor)
                continue
            }
            let (value, style) = self.value(of: item)
            let text =
                item == .eventsLog && !data.config.disableEventsLog
                ? "on  " + Cell.fit(data.files.humanEventsLogFile, valueWidth - 4, keepingEnd: true)
                : Cell.fit(value, valueWidth, keepingEnd: item.isPath)
            screen.write(label + text, row: row, column: pane.left, style: style, selected ? [.reverse] : [])
        }
    }

    private func value(of item: ConfigItem) -> (String, Screen.Style) {
        let config = data.config
        switch item {
        case .port:
            if data.portOverridden {
                return ("\(data.status.port) (--port; the config says \(config.port))", .plain)
            }
            if config.port != data.status.port {
                return ("\(config.port) (restart to move from \(data.status.port))", .warning)
            }
            return (
                "\(config.port)" + (config.port != EventsConfig.glusterSendersPort ? " (gluster sends to 55555)" : ""),
                config.port != EventsConfig.glusterSendersPort ? .warning : .plain
            )
        case .logLevel: return (config.logLevel, .plain)
        case .eventsLog:
            return (config.disableEventsLog ? "off" : "on", .plain)
        case .webhooksFile: return (data.files.webhooksFile, .plain)
        case .configFile: return (data.files.configFile, .plain)
        case .stateDirectory: return (data.files.stateDirectory, .plain)
        case .logSize:
            return (
                "\(ByteCount.text(data.logUsage.bytes)) in \(data.logUsage.segments) file"
                    + (data.logUsage.segments == 1 ? "" : "s"), .plain
            )
        }
    }
}
