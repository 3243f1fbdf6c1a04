import GlusterEvents

/// The three settings gluster-eventsapi manages (edited in place, the events log toggled) and
/// where eventsdash keeps its files.
struct ConfigPane: Pane {
    var selected = 0
    /// The value being typed in, if one is.
    var editor: ConfigEditor?

    var isTyping: Bool { editor != nil }

    func title(_ frame: Frame) -> PaneTitle { PaneTitle(text: "CONFIG") }

    /// The first item in view: the rows scroll to keep the selected one in view when the pane is
    /// shorter than the list (the bottom row keeps its height for the events pane's sake).
    private func firstShown(rows: Int) -> Int { max(0, min(selected - rows + 1, ConfigItem.allCases.count - rows)) }

    func draw(on surface: any Surface, focused: Bool, _ frame: Frame) {
        let data = frame.data
        let first = firstShown(rows: surface.size.rows)
        for (index, item) in ConfigItem.allCases.enumerated().dropFirst(first) where index - first < surface.size.rows {
            let row = index - first
            let label = " " + Cell.fit(item.label, 11)
            if let editor, editor.item == item {
                editor.draw(on: surface, row: row, label: label)
                continue
            }
            let valueWidth = surface.size.columns - Cell.width(of: label)
            let (value, style) = Self.value(of: item, data, width: valueWidth)
            let text =
                item == .eventsLog && !data.config.disableEventsLog
                ? "on  " + Cell.fit(data.files.humanEventsLogFile, valueWidth - 4, keepingEnd: true)
                : Cell.fit(value, valueWidth, keepingEnd: item.isPath)
            surface.write(label + text, row: row, style: style, focused && index == selected ? [.reverse] : [])
        }
    }

    func keyHints() -> String { editor == nil ? "Enter edit  ↑↓ select" : ConfigEditor.keyHints }

    mutating func handle(_ key: Key, _ context: KeyContext) -> [Reaction] {
        if var editor {
            switch editor.handle(key) {
            case .editing:
                self.editor = editor
            case .cancel:
                self.editor = nil
            case .refused(let why):
                return [.say(why, isError: true)]
            case .save(let text):
                self.editor = nil
                return [.command(.setConfig(editor.item, text))]
            }
            return []
        }
        let items = ConfigItem.allCases
        switch key {
        case .up, .character("k"): selected = max(0, selected - 1)
        case .down, .character("j"): selected = min(items.count - 1, selected + 1)
        case .home, .character("g"): selected = 0
        case .end, .character("G"): selected = items.count - 1
        case .enter, .character("e"), .character(" "):
            let item = items[selected]
            if item == .eventsLog {
                return [.command(.setConfig(item, context.config.disableEventsLog ? "on" : "off"))]
            } else if let text = item.editText(context.config) {
                editor = ConfigEditor(item, text: text)
            } else {
                return [.say("\(item.label) is read-only here: \(item.howToChange)")]
            }
        default: return [.unknownKey(key)]
        }
        return []
    }

    /// The wheel moves the selection; a click selects a row.
    mutating func handle(_ mouse: MouseAction, _ context: KeyContext) -> [Reaction] {
        let last = ConfigItem.allCases.count - 1
        switch mouse {
        case .wheelUp: selected = max(0, selected - 1)
        case .wheelDown: selected = min(last, selected + 1)
        case .click(let row, _), .doubleClick(let row, _):
            let item = firstShown(rows: context.area.height) + row
            if (0...last).contains(item) { selected = item }
        }
        return []
    }

    /// An item's value as the pane shows it, and its colour (yellow: the port gluster cannot reach).
    private static func value(of item: ConfigItem, _ data: DashboardData, width: Int) -> (String, Style) {
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
        case .metrics:
            guard let urls = data.status.metrics, let first = urls.first else { return ("off", .plain) }
            // Its address is what tells one from another: the scheme and path are always the same.
            let address = first.replacing("http://", with: "").replacing("/metrics", with: "")
            return (address + (urls.count > 1 ? " +\(urls.count - 1)" : ""), .plain)
        case .alertmanager:
            guard let alertmanagers = data.status.alertmanager, let first = alertmanagers.keys.sorted().first else {
                return ("off", .plain)
            }
            let failing = alertmanagers.filter { $0.value.failing == true }.keys.sorted()
            if let failed = failing.first {
                return ("failing: " + WebhookColumns.shortened(failed, width - 9), .warning)
            }
            if alertmanagers.count > 1 { return ("\(alertmanagers.count) Alertmanagers, ok", .plain) }
            return (WebhookColumns.shortened(first, width), .plain)
        }
    }
}
