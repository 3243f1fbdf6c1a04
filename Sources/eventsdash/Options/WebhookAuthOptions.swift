import ArgumentParser
import GlusterEvents

/// The token and secret options of webhook-add / -mod / -test, spelled as gluster-eventsapi spells them.
struct WebhookAuthOptions: ParsableArguments {
    @Option(
        name: [.customShort("t"), .customLong("bearer_token"), .customLong("bearer-token")],
        help: "Bearer token sent as 'Authorization: Bearer TOKEN' ('-' reads it from standard input).")
    var bearerToken: String?

    @Option(
        name: [.customShort("s"), .customLong("secret")],
        help: "Secret for a JWT (HS256) bearer token instead ('-' reads it from standard input).")
    var secret: String?

    func validate() throws {
        if bearerToken == "-" && secret == "-" {
            throw ValidationError("only one of --bearer_token and --secret can be read from standard input")
        }
    }

    /// The token and secret, reading `-` from standard input (so they stay out of `ps` and history).
    func resolved() -> (token: String?, secret: String?) {
        (bearerToken.map(Self.readIfDash), secret.map(Self.readIfDash))
    }

    private static func readIfDash(_ value: String) -> String {
        guard value == "-" else { return value }
        return (readLine(strippingNewline: true) ?? "").trimmingWhitespace()
    }
}
