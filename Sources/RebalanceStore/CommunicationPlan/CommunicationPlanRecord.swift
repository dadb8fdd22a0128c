import FluentKit
import Foundation
import RebalanceCore

/// A partnership's communication plan, one row each, kept as JSON that Core checks on reading.
public final class CommunicationPlanRecord: Model, @unchecked Sendable {
    public static let schema = "communication_plans"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Field(key: "plan") public var planJSON: String
    @Field(key: "version") public var version: Int

    public init() {}

    public var plan: CommunicationPlan {
        get throws { try JSONDecoder().decode(CommunicationPlan.self, from: Data(planJSON.utf8)) }
    }
}

extension CommunicationPlanRecord: Audited {
    public static let auditType = "communication_plan"
    public var auditLabel: String { "Communication plan" }
    public var auditFields: [String: String] { ["plan": planJSON] }
}

struct CreateCommunicationPlans: AsyncMigration {
    var name: String { "2026-11-23-create-communication-plans" }

    func prepare(on db: any Database) async throws {
        try await db.schema(CommunicationPlanRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, "id", onDelete: .cascade))
            .field("plan", .string, .required)
            .field("version", .int, .required)
            .unique(on: "partnership_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(CommunicationPlanRecord.schema).delete()
    }
}
