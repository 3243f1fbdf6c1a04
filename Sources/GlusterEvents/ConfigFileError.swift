/// A config or webhooks file that cannot be used as it is. Never overwritten: the user fixes it.
public struct ConfigFileError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem) (the file was left as it is; fix or remove it)" }
}
