import Foundation
import Testing

@testable import EventsEngine
import TestSupport

@Suite struct EngineStatusTests {
    let directory = TemporaryDirectory()

    private func statusFile(publishedBy pid: Int32, updatedAt: Int64) throws -> String {
        let path = directory.file("engine-\(UUID().uuidString).json")
        var status = EngineStatus.placeholder(port: 55555)
        status.pid = pid
        status.updatedAt = updatedAt
        status.listen = ["127.0.0.1:55555"]
        try status.write(to: path)
        return path
    }

    /// After `kill -9` the dead engine's file stays until its successor (which holds the lock before
    /// it receives) publishes: its figures must not pass for the new engine's.
    @Test func figuresCountOnlyForTheEngineThatPublishedThem() throws {
        let path = try statusFile(publishedBy: 4242, updatedAt: Int64(Date().timeIntervalSince1970))
        #expect(EngineStatus.read(from: path, publishedBy: 4243) == nil)
        #expect(EngineStatus.read(from: path, publishedBy: 4242)?.listen == ["127.0.0.1:55555"])
        #expect(EngineStatus.read(from: path)?.pid == 4242)
    }

    @Test func figuresOlderThanFiveSecondsAreCalledStale() throws {
        let now = Int64(Date().timeIntervalSince1970)
        let path = try statusFile(publishedBy: 4242, updatedAt: now - 3)
        let status = try #require(EngineStatus.read(from: path))
        #expect(status.asSeen(stateDirectory: "/", now: now).problem == nil)
        let stale = status.asSeen(stateDirectory: "/", now: now + 10)
        #expect(stale.problem == "the engine (pid 4242) has published nothing for 13 s: stopped or stuck?")
    }
}
