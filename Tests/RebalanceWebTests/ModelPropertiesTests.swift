import FluentKit
import Foundation
import RebalanceStore
import Testing

/// The generated property lists (scripts/generate-model-properties, ADR 0035) replace FluentKit's
/// reflection: a field missing from a list would silently not be read or written. So each list is
/// compared with what reflection finds, and every model in the sources must have one.
@Suite struct ModelPropertiesTests {
    @Test func eachListHoldsExactlyTheWrappersReflectionFinds() {
        #expect(ModelTypes.all.count >= 40)
        for type in ModelTypes.all {
            let model = type.init()
            let reflected = Mirror(reflecting: model).children.compactMap { $0.value as? any AnyProperty }
            let listed = model.properties
            let ids = { (list: [any AnyProperty]) in list.map { ObjectIdentifier($0 as AnyObject) } }
            #expect(Set(ids(listed)) == Set(ids(reflected)), "\(type): regenerate with scripts/generate-model-properties")
            #expect(listed.count == reflected.count, "\(type) lists a property twice")
        }
    }

    @Test func everyModelInTheSourcesHasAList() throws {
        let store = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(at: store, includingPropertiesForKeys: nil))
        var declared: Set<String> = []
        let pattern = try Regex(#"final class (\w+):\s*(?:Model|Fields)\b"#)
        for case let url as URL in files where url.pathExtension == "swift" {
            for match in try String(contentsOf: url, encoding: .utf8).matches(of: pattern) {
                if let name = match.output[1].substring { declared.insert(String(name)) }
            }
        }
        let listed = Set(ModelTypes.all.map { String(describing: $0) })
        #expect(declared.count >= 40)
        #expect(declared == listed, "regenerate with scripts/generate-model-properties")
    }
}
