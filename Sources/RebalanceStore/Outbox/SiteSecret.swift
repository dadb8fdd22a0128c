import FluentKit
import Foundation

/// Random keys the site signs links with (unsubscribe links), kept in the database so that every
/// instance sharing it signs and checks the same way, and a restart invalidates nothing.
public final class SiteSecretRecord: Model, @unchecked Sendable {
    public static let schema = "site_secrets"
    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "value") public var value: String
    public init() {}
}

struct CreateSiteSecrets: AsyncMigration {
    var name: String { "2026-11-20-create-site-secrets" }

    func prepare(on db: any Database) async throws {
        try await db.schema(SiteSecretRecord.schema)
            .id()
            .field("name", .string, .required)
            .field("value", .string, .required)
            .unique(on: "name")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(SiteSecretRecord.schema).delete()
    }
}

public enum SiteSecrets {
    /// The named secret, made (64 random bytes, hex) the first time it is asked for.
    public static func secret(_ name: String, on db: any Database) async throws -> String {
        if let existing = try await SiteSecretRecord.query(on: db).filter(\.$name == name).first() { return existing.value }
        let record = SiteSecretRecord()
        record.name = name
        var generator = SystemRandomNumberGenerator()
        record.value = (0..<64).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        do {
            try await record.create(on: db)
            return record.value
        } catch {
            // Another instance made it at the same moment: use theirs.
            if let made = try await SiteSecretRecord.query(on: db).filter(\.$name == name).first() { return made.value }
            throw error
        }
    }
}
