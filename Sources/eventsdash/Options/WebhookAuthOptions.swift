import ArgumentParser
import GlusterEvents

/// The token and secret options of webhook-add / -mod / -test, spelled as gluster-eventsapi spells
/// them, and eventsdash's Standard Webhooks signing secrets.
struct WebhookAuthOptions: ParsableArguments {
    @Option(
        name: [.customShort("t"), .customLong("bearer_token"), .customLong("bearer-token")],
        help: "Bearer token sent as 'Authorization: Bearer TOKEN' ('-' reads it from standard input).")
    var bearerToken: String?

    @Option(
        name: [.customShort("s"), .customLong("secret")],
        help: "Secret for a JWT (HS256) bearer token instead ('-' reads it from standard input).")
    var secret: String?

    @Option(
        name: .customLong("signing-secret"),
        help: ArgumentHelp(
            "Sign each request as Standard Webhooks does (webhook-id, webhook-timestamp, webhook-signature) with this secret (whsec_…; '-' reads it from standard input, 'new' makes one and prints it). Repeatable: during a rotation each secret signs every request.",
            valueName: "SECRET"))
    var signingSecrets: [String] = []

    @Flag(help: "Stop signing requests (webhook-mod): remove the webhook's signing secrets.")
    var noSigning = false

    func validate() throws {
        if [bearerToken, secret].filter({ $0 == "-" }).count + signingSecrets.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("only one of --bearer_token, --secret and --signing-secret can be read from standard input")
        }
        if noSigning && !signingSecrets.isEmpty { throw ValidationError("give --signing-secret or --no-signing, not both") }
        for text in signingSecrets where text != "-" && text != "new" {
            if let problem = SigningSecret.problem(of: text) { throw ValidationError("--signing-secret: \(problem)") }
        }
    }

    /// The token and secret, reading `-` from standard input (so they stay out of `ps` and history).
    func resolved() -> (token: String?, secret: String?) {
        (bearerToken.map(Self.readIfDash), secret.map(Self.readIfDash))
    }

    /// The signing secrets given: read (`-`), made (`new`, and told on standard error so that
    /// the receiver can be given it), and checked; nil when none was given.
    func resolvedSigningSecrets() throws -> [String]? {
        guard !signingSecrets.isEmpty else { return noSigning ? [] : nil }
        return try signingSecrets.map { text in
            if text == "new" {
                let made = SigningSecret.generate().text
                Output.line("signing secret (give it to the receiver): \(made)", to: .standardError)
                return made
            }
            let secret = Self.readIfDash(text)
            if let problem = SigningSecret.problem(of: secret) { throw ValidationError("--signing-secret: \(problem)") }
            return secret
        }
    }

    private static func readIfDash(_ value: String) -> String {
        guard value == "-" else { return value }
        return (readLine(strippingNewline: true) ?? "").trimmingWhitespace()
    }
}
