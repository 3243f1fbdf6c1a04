import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// An HTTPS webhook with a self-signed certificate (made with openssl), served by Python's
/// http.server behind its ssl module: a real TLS endpoint the system's CAs do not trust.
final class HTTPSWebhookServer {
    let port = freeTCPPortForLater()
    /// Its certificate, key and what it received; removed with it.
    private let scratch = TemporaryDirectory()
    private var directory: String { scratch.path }
    private let process = Process()

    var url: String { "https://127.0.0.1:\(port)/hook" }
    /// The server's certificate: the CA file that makes it trusted.
    var certificate: String { directory + "/cert.pem" }

    init() throws {
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", directory + "/key.pem", "-out", certificate,
        ]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        let script = """
            import http.server, ssl, sys
            class Hook(http.server.BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                def do_POST(self):
                    body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                    with open(sys.argv[2] + "/received", "ab") as f: f.write(body + b"\\n")
                    self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
                def log_message(self, *args): pass
            server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Hook)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(sys.argv[2] + "/cert.pem", sys.argv[2] + "/key.pem")
            server.socket = context.wrap_socket(server.socket, server_side=True)
            open(sys.argv[2] + "/ready", "w").close()
            server.serve_forever()
            """
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, String(port), directory]
        process.standardError = FileHandle.nullDevice
        try process.run()
        _ = waitFor(timeout: 10) { FileManager.default.fileExists(atPath: self.directory + "/ready") }
    }

    /// The bodies received, one per request.
    var received: [String] {
        ((try? String(contentsOfFile: directory + "/received", encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init)
    }

    deinit {
        // SIGKILL: the test runner blocks SIGTERM, and children inherit that.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
