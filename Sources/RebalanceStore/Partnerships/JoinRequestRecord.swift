import FluentKit
import Foundation
import RebalanceCore
import SQLKit

/// A request to join a partnership or to be kept informed, and the chair's answer.
public final class JoinRequestRecord: Model, @unchecked Sendable {
    public static let schema = "join_requests"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Parent(key: "person_id") public var person: PersonRecord
    @Field(key: "kind") public var kindRaw: String
    @Field(key: "lives_in_area") public var livesInArea: Bool
    @OptionalField(key: "message") public var message: String?
    @Field(key: "state") public var stateRaw: String
    @OptionalField(key: "reply") public var reply: String?
    /// The chair who answered, by name only: the answer stays readable if they leave.
    @OptionalField(key: "answered_by_name") public var answeredByName: String?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "answered_at") public var answeredAt: Date?
    @Field(key: "version") public var version: Int

    public init() {}

    public var kind: JoinRequestKind { JoinRequestKind(rawValue: kindRaw) ?? .join }
    public var state: JoinRequestState { JoinRequestState(rawValue: stateRaw) ?? .pending }
}

extension JoinRequestRecord: Audited {
    public static let auditType = "join_request"
    public var auditLabel: String { kind.label }
    public var auditFields: [String: String] {
        ["kind": kindRaw, "state": stateRaw, "lives_in_area": livesInArea ? "yes" : "no", "person_id": $person.id.uuidString,
         "message": message ?? "", "reply": reply ?? ""]
    }
}

struct CreateJoinRequests: AsyncMigration {
    var name: String { "2026-12-05-create-join-requests" }

    func prepare(on db: any Database) async throws {
        try await db.schema(JoinRequestRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references(PersonRecord.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("lives_in_area", .bool, .required)
            .field("message", .string)
            .field("state", .string, .required)
            .field("reply", .string)
            .field("answered_by_name", .string)
            .field("created_at", .datetime, .required)
            .field("answered_at", .datetime)
            .field("version", .int, .required)
            .create()
        try await db.sql.raw("CREATE INDEX join_requests_partnership ON join_requests (partnership_id, state)").run()
        try await db.sql.raw("CREATE INDEX join_requests_person ON join_requests (person_id)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(JoinRequestRecord.schema).delete()
    }
}
