import EventIngest
import NIOCore
import Testing

/// `--allow-from`: which UDP senders events are taken from.
@Suite struct SourceAllowlistTests {
    private func from(_ ip: String) -> SocketAddress { try! SocketAddress(ipAddress: ip, port: 49152) }

    @Test func networksAddressesAndAlwaysLoopback() throws {
        let list = try SourceAllowlist(["10.1.0.0/16", "192.0.2.7", "2001:db8::/32"])
        #expect(list.allows(from("10.1.200.3")))
        #expect(!list.allows(from("10.2.0.1")))
        #expect(list.allows(from("192.0.2.7")))
        #expect(!list.allows(from("192.0.2.8")))
        #expect(list.allows(from("2001:db8:1::5")))
        #expect(!list.allows(from("2001:db9::5")))
        // This node's own daemons send from loopback.
        #expect(list.allows(from("127.0.0.1")) && list.allows(from("127.8.9.10")) && list.allows(from("::1")))
        // An IPv4 sender on a dual-stack socket is judged as IPv4.
        #expect(list.allows(from("::ffff:10.1.2.3")))
        #expect(!list.allows(from("::ffff:10.9.2.3")))
    }

    @Test func oddPrefixLengthsAndHostNames() throws {
        let list = try SourceAllowlist(["172.16.0.0/12", "localhost"])
        #expect(list.allows(from("172.31.255.255")))
        #expect(!list.allows(from("172.32.0.0")))
        #expect(try SourceAllowlist(["0.0.0.0/0"]).allows(from("203.0.113.9")))
    }

    @Test func badEntriesAreNamed() {
        for (entry, reason) in [
            ("10.0.0.0/33", "the prefix length must be 0 to 32"), ("::/129", "the prefix length must be 0 to 128"),
            ("no-such-host.invalid", "no such host"), ("gluster-1/24", "a prefix length needs a numeric address"),
        ] {
            #expect(throws: SourceAllowlist.Problem.self) { try SourceAllowlist([entry]) }
            do {
                _ = try SourceAllowlist([entry])
            } catch {
                #expect(error.description == "--allow-from \(entry): \(reason)")
            }
        }
    }
}
