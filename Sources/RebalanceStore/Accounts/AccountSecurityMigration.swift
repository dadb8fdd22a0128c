import FluentKit
import Foundation
import SQLKit

/// Issue 12: verified e-mail addresses, resettable signed links, expiring API tokens, sessions
/// with idle and absolute limits, and a table for rate-limited actions.
struct AddAccountSecurity: AsyncMigration {
    var name: String { "2026-12-03-account-security" }

    func prepare(on db: any Database) async throws {
        // One column per statement: SQLite alters a table one column at a time.
        try await db.schema(PersonRecord.schema).field("email_verified_at", .datetime).update()
        try await db.schema(PersonRecord.schema).field("link_generation", .int, .required, .sql(.default(0))).update()

        try await db.schema(APITokenRecord.schema).field("expires_at", .datetime).update()
        // Tokens made before expiry existed get the default lifetime from now.
        try await APITokenRecord.query(on: db).set(\.$expiresAt, to: Date().addingTimeInterval(90 * 24 * 3600)).update()

        // Sessions made under the old rules had neither limit: everyone signs in again once.
        try await WebSessionRecord.query(on: db).delete()
        try await db.schema(WebSessionRecord.schema).field("started_at", .datetime).update()
        try await db.schema(WebSessionRecord.schema).field("last_seen_at", .datetime).update()
        try await db.sql.raw("CREATE INDEX web_sessions_expires ON web_sessions (expires_at)").run()
        try await db.sql.raw("CREATE INDEX web_sessions_person ON web_sessions (person_id)").run()

        try await db.schema(ActionAttemptRecord.schema)
            .id()
            .field("kind", .string, .required)
            .field("key", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await db.sql.raw("CREATE INDEX action_attempts_key ON action_attempts (kind, key, at)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(ActionAttemptRecord.schema).delete()
        try await db.sql.raw("DROP INDEX web_sessions_person").run()
        try await db.sql.raw("DROP INDEX web_sessions_expires").run()
        try await db.schema(WebSessionRecord.schema).deleteField("last_seen_at").update()
        try await db.schema(WebSessionRecord.schema).deleteField("started_at").update()
        try await db.schema(APITokenRecord.schema).deleteField("expires_at").update()
        try await db.schema(PersonRecord.schema).deleteField("link_generation").update()
        try await db.schema(PersonRecord.schema).deleteField("email_verified_at").update()
    }
}

/// Messages shared by the commands that refuse people whose address is not verified.
public enum AccountRulesText {
    public static func notVerified(_ name: String, toBecome role: String) -> String {
        "\(name) has not verified their email address yet, so cannot be made \(role). Ask them to follow the link we e-mailed them (they can send a new one from their account page), then try again"
    }
}
