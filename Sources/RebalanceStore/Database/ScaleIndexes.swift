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

/// The rest of the columns that point at another row. Found by measuring: a closed health-check
/// round's answers were read by scanning all answers of every area (half a second a page at 150
/// areas); a person's own records (their data download, erasure, and what is waiting for them)
/// were scans too. `IndexCoverageTests` keeps every `…_id` column indexed from now on.
struct AddIndexesForParentsAndPeople: AsyncMigration {
    var name: String { "2026-12-05-indexes-for-parents-and-people" }

    static let columns: [(table: String, column: String)] = [
        ("api_tokens", "person_id"), ("organisation_staff", "team_id"), ("partnerships", "lto_id"),
        ("memberships", "organisation_id"), ("audit_entries", "actor_id"),
        ("outbox_messages", "partnership_id"), ("outbox_messages", "person_id"),
        ("meeting_attendance", "person_id"), ("updates", "author_id"),
        ("agreement_versions", "drafted_by_id"), ("agreement_versions", "council_officer_id"),
        ("agreement_versions", "partnership_signed_by_id"), ("agreement_versions", "council_signed_by_id"),
        ("commitments", "owner_id"), ("commitments", "owner_organisation_id"), ("commitments", "recipient_id"),
        ("commitments", "project_id"), ("responsibility_entries", "team_id"),
        ("enquiries", "first_team_id"), ("enquiries", "raised_by_id"),
        ("enquiry_hand_offs", "from_team_id"), ("enquiry_hand_offs", "to_team_id"),
        ("handovers", "leaver_id"), ("handovers", "successor_id"),
        ("health_check_invitations", "person_id"), ("health_check_answers", "round_id"),
        ("proposals", "proposer_id"), ("proposals", "meeting_series_id"),
        ("proposal_positions", "person_id"), ("proposal_recusals", "person_id"),
        ("poll_ballots", "voter_id"), ("poll_voters", "person_id"),
    ]

    static func indexName(_ c: (table: String, column: String)) -> String {
        c.table + "_" + c.column.replacingOccurrences(of: "_id", with: "")
    }

    func prepare(on db: any Database) async throws {
        for c in Self.columns {
            try await db.sql.raw("CREATE INDEX \(ident: Self.indexName(c)) ON \(ident: c.table) (\(ident: c.column))").run()
        }
    }

    func revert(on db: any Database) async throws {
        for c in Self.columns {
            try await db.sql.raw("DROP INDEX \(ident: Self.indexName(c))").run()
        }
    }
}
