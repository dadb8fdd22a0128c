import FluentKit
import Foundation
import RebalanceCore
import SQLKit

/// Optimistic concurrency: every editable row carries a `version`. Saving claims the version the
/// editor loaded; a second editor with the same version finds it gone and is told so.
enum VersionClaim {
    /// Atomically bumps `version` if it still equals `expected`; returns the new version.
    static func claim(_ schema: String, id: UUID, expected: Int, entity: String, on db: any Database) async throws -> Int {
        // One UPDATE ... WHERE version = ? RETURNING: the database serialises competing editors,
        // so exactly one of two simultaneous saves can win.
        let rows = try await db.sql.update(schema)
            .set(SQLIdentifier("version"), to: SQLBinaryExpression(SQLIdentifier("version"), .add, SQLLiteral.numeric("1")))
            .where(SQLIdentifier("id"), .equal, SQLBind(id))
            .where(SQLIdentifier("version"), .equal, SQLBind(expected))
            .returning(SQLIdentifier("version"))
            .all()
        guard let row = rows.first else { throw VersionConflict(entity: entity) }
        return try row.decode(column: "version", as: Int.self)
    }
}
