import Foundation
import GlusterEvents

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An element of the gluster CLI's `--xml` output, with its text and child elements: the whole
/// document read at once with Foundation's `XMLParser` (external entities are not read; libxml2
/// refuses entities that multiply), to look things up by name.
struct CLIOutputElement: Equatable {
    var name: String
    /// The element's own text, trimmed (none of its children's).
    var text: String
    var children: [CLIOutputElement]

    /// The largest output read: a cluster's status is far smaller, and it comes from outside.
    static let maxBytes = 16 << 20

    /// The document's root element; nil when `xml` is not well-formed or over `maxBytes`.
    static func parse(_ xml: String) -> CLIOutputElement? {
        guard xml.utf8.count <= maxBytes, startsWithMarkup(xml) else { return nil }
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        // swift-corelibs-foundation's `parse()` says true after an error at the end (content after
        // the root element): its `parserError` tells.
        guard parser.parse(), parser.parserError == nil, builder.open.isEmpty else { return nil }
        return builder.root
    }

    /// Whether the first non-blank character opens markup. The CLI prints plain text when glusterd
    /// does not answer ("Connection failed…"); that is refused here, because `XMLParser` leaks the
    /// error it builds for a document it cannot read (swift-corelibs-foundation's
    /// `_CFErrorCreateFromXMLInterface`), and reconciliation asks every minute.
    private static func startsWithMarkup(_ text: String) -> Bool {
        text.utf8.first { !" \t\r\n".utf8.contains($0) } == UInt8(ascii: "<")
    }

    /// The first child element named `name`.
    func child(_ name: String) -> CLIOutputElement? { children.first { $0.name == name } }

    /// Every child element named `name`, in order.
    func children(_ name: String) -> [CLIOutputElement] { children.filter { $0.name == name } }

    /// The text of the first child element named `name`.
    func text(of name: String) -> String? { child(name)?.text }

    /// Collects elements as the parser meets them: `open` holds the elements not yet closed.
    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var open: [CLIOutputElement] = []
        var root: CLIOutputElement?

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            open.append(CLIOutputElement(name: name, text: "", children: []))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !open.isEmpty { open[open.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard var element = open.popLast() else { return }
            element.text = element.text.trimmingWhitespace()
            if open.isEmpty {
                root = element
            } else {
                open[open.count - 1].children.append(element)
            }
        }
    }
}
