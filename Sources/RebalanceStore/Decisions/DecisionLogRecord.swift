import FluentKit
import Foundation
import RebalanceCore

/// One line of a partnership's decision log: a closed proposal or poll as it stood when it
/// closed, and the outcome statement written afterwards. Written once, when the outcome is
/// final, so later membership changes cannot alter it; only the statement changes later.
public final class DecisionLogRecord: Model, @unchecked Sendable {
    public static let schema = "decision_log"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Field(key: "source") public var sourceRaw: String
    /// The proposal's or poll's id; unique, so a decision enters the log once.
    @Field(key: "subject_id") public var subjectID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "method") public var method: String
    @Field(key: "result") public var resultRaw: String
    @Field(key: "headline") public var headline: String
    @Field(key: "explanation") public var explanation: String
    @Field(key: "decided_at") public var decidedAt: Date
    @Field(key: "entry") public var entryJSON: String
    @OptionalField(key: "revision_of") public var revisionOf: UUID?
    @OptionalField(key: "statement") public var statement: String?
    @OptionalField(key: "statement_by") public var statementBy: String?
    @OptionalField(key: "statement_at") public var statementAt: Date?
    @Field(key: "version") public var version: Int

    public init() {}

    public var source: DecisionLogEntry.Source { DecisionLogEntry.Source(rawValue: sourceRaw) ?? .proposal }
    public var result: DecisionLogResult { DecisionLogResult(rawValue: resultRaw) ?? .notPassed }
    /// The full entry as it was written, counts included.
    public var entry: DecisionLogEntry? { try? JSONDecoder.iso.decode(DecisionLogEntry.self, from: Data(entryJSON.utf8)) }

    func apply(_ entry: DecisionLogEntry) throws {
        sourceRaw = entry.source.rawValue
        subjectID = entry.subjectID
        title = entry.title
        method = entry.method
        resultRaw = entry.result.rawValue
        headline = entry.headline
        explanation = entry.explanation
        decidedAt = entry.decidedAt
        revisionOf = entry.revisionOf
        entryJSON = String(decoding: try JSONEncoder.isoSorted.encode(entry), as: UTF8.self)
    }
}

extension DecisionLogRecord: Audited {
    public static let auditType = "decision"
    public var auditLabel: String { title }
    public var auditFields: [String: String] {
        ["title": title, "method": method, "result": resultRaw, "explanation": explanation,
         "decided_at": ISO8601DateFormatter().string(from: decidedAt), "statement": statement ?? ""]
    }
}

extension JSONEncoder {
    /// Sorted keys and ISO 8601 dates: stable, readable stored JSON.
    static var isoSorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return e
    }
}

extension JSONDecoder {
    static var iso: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}
