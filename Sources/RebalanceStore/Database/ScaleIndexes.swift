import FluentKit
import SQLKit

/// Indexes for the lookups that pages make by a parent's id, which earlier migrations left to a
/// full scan: harmless with two partnerships, slow with 150 areas and 15 years of records.
struct AddIndexesForScale: AsyncMigration {
    var name: String { "2026-12-04-indexes-for-scale" }

    static let indexes: [(name: String, table: String, columns: String)] = [
        ("organisation_staff_person", "organisation_staff", "person_id"),
        ("project_milestones_project", "project_milestones", "project_id"),
        ("project_stage_changes_project", "project_stage_changes", "project_id"),
        ("updates_partnership", "updates", "partnership_id"),
        ("agenda_items_meeting", "agenda_items", "meeting_id"),
        ("area_councils_council", "area_councils", "council_id"),
        ("handovers_partnership", "handovers", "partnership_id"),
        ("commitments_meeting_series", "commitments", "meeting_series_id"),
        ("commitments_decision", "commitments", "decision_id"),
    ]

    func prepare(on db: any Database) async throws {
        for index in Self.indexes {
            try await db.sql.raw("CREATE INDEX \(ident: index.name) ON \(ident: index.table) (\(ident: index.columns))").run()
        }
    }

    func revert(on db: any Database) async throws {
        for index in Self.indexes {
            try await db.sql.raw("DROP INDEX \(ident: index.name)").run()
        }
    }
}
