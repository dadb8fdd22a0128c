import FluentKit
import Foundation
import RebalanceCore

/// A project co-owned by the partnership and the council.
public final class ProjectRecord: Model, @unchecked Sendable {
    public static let schema = "projects"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Field(key: "title") public var title: String
    @OptionalField(key: "description") public var details: String?
    @OptionalField(key: "plan_priority") public var planPriority: String?
    @Field(key: "community_lead") public var communityLead: String
    @Field(key: "council_contact") public var councilContact: String
    @Field(key: "stage") public var stageRaw: String
    @Field(key: "endpoint") public var endpoint: String
    @OptionalField(key: "ends_on") public var endsOnRaw: String?
    @OptionalField(key: "council_responsibilities") public var councilResponsibilities: String?
    @OptionalField(key: "lasting_impact") public var lastingImpact: String?
    @Field(key: "created_on") public var createdOnRaw: String
    @Field(key: "version") public var version: Int
    @Children(for: \.$project) public var milestones: [MilestoneRecord]
    @Children(for: \.$project) public var permissions: [ProjectPermissionRecord]
    @Children(for: \.$project) public var stageChanges: [ProjectStageChangeRecord]

    public init() {}

    public var stage: ProjectStage { ProjectStage(rawValue: stageRaw) ?? .idea }
    public var endsOn: Day? { endsOnRaw.flatMap(Day.init) }
    public var createdOn: Day { Day(createdOnRaw) ?? Day(year: 2000, month: 1, day: 1)! }

    func apply(_ d: ProjectDraft) {
        title = d.title; details = d.description; planPriority = d.planPriority; communityLead = d.communityLead
        councilContact = d.councilContact; stageRaw = d.stage.rawValue; endpoint = d.endpoint; endsOnRaw = d.endsOn?.description
        councilResponsibilities = d.councilResponsibilities; lastingImpact = d.lastingImpact
    }
}

extension ProjectRecord: Audited {
    public static let auditType = "project"
    public var auditLabel: String { title }
    public var auditFields: [String: String] {
        ["title": title, "description": details ?? "", "plan_priority": planPriority ?? "", "community_lead": communityLead,
         "council_contact": councilContact, "stage": stageRaw, "endpoint": endpoint, "ends_on": endsOnRaw ?? "",
         "council_responsibilities": councilResponsibilities ?? "", "lasting_impact": lastingImpact ?? ""]
    }
}

public final class MilestoneRecord: Model, @unchecked Sendable {
    public static let schema = "project_milestones"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "project_id") public var project: ProjectRecord
    @Field(key: "title") public var title: String
    @Field(key: "due_on") public var dueOnRaw: String
    @OptionalField(key: "done_on") public var doneOnRaw: String?

    public init() {}

    public var dueOn: Day { Day(dueOnRaw) ?? Day(year: 2000, month: 1, day: 1)! }
    public var doneOn: Day? { doneOnRaw.flatMap(Day.init) }
}

extension MilestoneRecord: Audited {
    public static let auditType = "milestone"
    public var auditLabel: String { title }
    public var auditFields: [String: String] {
        ["title": title, "due_on": dueOnRaw, "done_on": doneOnRaw ?? "", "project_id": $project.id.uuidString]
    }
}

/// A permission the project needs (planning, licensing...), one row per kind.
public final class ProjectPermissionRecord: Model, @unchecked Sendable {
    public static let schema = "project_permissions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "project_id") public var project: ProjectRecord
    @Field(key: "kind") public var kindRaw: String
    @Field(key: "status") public var statusRaw: String
    @OptionalField(key: "note") public var note: String?
    @Field(key: "updated_on") public var updatedOnRaw: String

    public init() {}

    public var kind: ProjectPermissionKind { ProjectPermissionKind(rawValue: kindRaw) ?? .riskAssessment }
    public var status: ProjectPermissionStatus { ProjectPermissionStatus(rawValue: statusRaw) ?? .needed }
}

extension ProjectPermissionRecord: Audited {
    public static let auditType = "project_permission"
    public var auditLabel: String { kind.label }
    public var auditFields: [String: String] {
        ["kind": kindRaw, "status": statusRaw, "note": note ?? "", "project_id": $project.id.uuidString]
    }
}

/// The project moved up (or down) the ladder: kept for the timeline.
public final class ProjectStageChangeRecord: Model, @unchecked Sendable {
    public static let schema = "project_stage_changes"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "project_id") public var project: ProjectRecord
    @Field(key: "on_day") public var onRaw: String
    @OptionalField(key: "from_stage") public var fromStage: String?
    @Field(key: "to_stage") public var toStage: String
    @Field(key: "actor_name") public var actorName: String

    public init() {}

    public var on: Day { Day(onRaw) ?? Day(year: 2000, month: 1, day: 1)! }
}

struct CreateProjects: AsyncMigration {
    var name: String { "2026-11-23-create-projects" }

    func prepare(on db: any Database) async throws {
        try await db.schema(ProjectRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("description", .string)
            .field("plan_priority", .string)
            .field("community_lead", .string, .required)
            .field("council_contact", .string, .required)
            .field("stage", .string, .required)
            .field("endpoint", .string, .required)
            .field("ends_on", .string)
            .field("council_responsibilities", .string)
            .field("lasting_impact", .string)
            .field("created_on", .string, .required)
            .field("version", .int, .required)
            .create()
        try await db.schema(MilestoneRecord.schema)
            .id()
            .field("project_id", .uuid, .required, .references(ProjectRecord.schema, "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("due_on", .string, .required)
            .field("done_on", .string)
            .create()
        try await db.schema(ProjectPermissionRecord.schema)
            .id()
            .field("project_id", .uuid, .required, .references(ProjectRecord.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("note", .string)
            .field("updated_on", .string, .required)
            .unique(on: "project_id", "kind")
            .create()
        try await db.schema(ProjectStageChangeRecord.schema)
            .id()
            .field("project_id", .uuid, .required, .references(ProjectRecord.schema, "id", onDelete: .cascade))
            .field("on_day", .string, .required)
            .field("from_stage", .string)
            .field("to_stage", .string, .required)
            .field("actor_name", .string, .required)
            .create()
        try await db.sql.raw("CREATE INDEX projects_partnership ON projects (partnership_id)").run()
    }

    func revert(on db: any Database) async throws {
        for schema in [ProjectStageChangeRecord.schema, ProjectPermissionRecord.schema, MilestoneRecord.schema, ProjectRecord.schema] {
            try await db.schema(schema).delete()
        }
    }
}
