import Foundation
import Testing
import TestSupport

@Suite struct SendCommandTests {
    /// `send --json` printed nothing: now what went where, in gluster-eventsapi's JSON shape.
    @Test func jsonSaysWhatWasSentWhere() throws {
        let workdir = TemporaryDirectory()
        let port = freePort()
        let serve = try ServeProcess(workdir: workdir.path, port: port, listen: ["127.0.0.1"])
        defer { serve.stop() }
        let result = try Eventsdash.run(["send", "--json", "--port", "\(port)", "volume_create", "name=gv0", "type=Replicate"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["error"] as? String == "")
        let output = try #require(object["output"] as? [String: Any])
        #expect(output["event"] as? String == "VOLUME_CREATE")
        #expect(output["type"] as? Int == 2)
        #expect(output["host"] as? String == "127.0.0.1" && output["address"] as? String == "127.0.0.1")
        #expect(output["port"] as? Int == port)
        #expect(output["fields"] as? [String: String] == ["name": "gv0", "type": "Replicate"])
        let ts = try #require(output["ts"] as? Int)
        #expect(output["bytes"] as? Int == "\(ts) 2 name=gv0;type=Replicate".utf8.count)
        // It went: the engine logged it, with that time.
        #expect(waitFor(timeout: 5) { (try? loggedEvents(workdir: workdir.path).first?["ts"] as? Int) == ts })
        // Without --json, as gf_event(): nothing.
        #expect(try Eventsdash.run(["send", "--port", "\(port)", "VOLUME_STOP", "name=gv0"]).stdout.isEmpty)
    }

    @Test func jsonReportsAFailureInTheSameShape() throws {
        let result = try Eventsdash.run(["send", "--json", "--host", "no-such-host.invalid", "--port", "9", "VOLUME_CREATE"])
        #expect(result.status != 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((object["error"] as? String)?.contains("cannot resolve no-such-host.invalid") == true)
    }
}
