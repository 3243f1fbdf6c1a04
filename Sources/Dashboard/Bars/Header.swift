import Foundation
import GlusterEvents

/// The header's three rows: where the engine listens and the clock; the counters, what is wrong
/// with the engine, and the events per second with their sparkline; the cluster's health.
enum Header {
    static func draw(on surface: any Surface, _ frame: Frame) {
        let data = frame.data
        let columns = frame.layout.columns
        let status = data.status
        let nowMillis = Int64(data.now.timeIntervalSince1970 * 1000)
        let clock = DashboardFormat.clock(millis: nowMillis)
        let title = HeaderText.title(status, attachedPID: data.attachedPID, nowMillis: nowMillis)
        surface.write(Cell.fit(title, columns - 9) + " " + clock, row: 0, style: .bar, fill: true)

        let rate = "\(DashboardFormat.count(data.rates.current)) ev/s "
        let sparkWidth = min(EventRateHistory.seconds, max(10, columns / 4))
        let figures = HeaderText.figures(status)
        let figuresWidth = columns - sparkWidth - Cell.width(of: rate) - 1
        let warn =
            status.problem != nil || !status.listenFailures.isEmpty || status.kernelDrops > 0 || status.droppedUnlogged > 0
            || !(status.limitsReached ?? [:]).isEmpty
        surface.write(Cell.fit(figures, figuresWidth), row: 1, style: warn ? .warning : .plain)
        surface.write(rate, row: 1, column: figuresWidth, .bold)
        surface.write(
            data.rates.sparkline(width: sparkWidth), row: 1, column: figuresWidth + Cell.width(of: rate), style: .recovery)

        var column = 0
        for part in HealthLine.parts(data.health, now: data.now.timeIntervalSince1970, width: columns) {
            surface.write(part.text, row: 2, column: column, style: part.style, part.attributes)
            column += Cell.width(of: part.text)
        }
    }
}
