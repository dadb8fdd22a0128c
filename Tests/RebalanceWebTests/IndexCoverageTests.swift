import FluentKit
import Foundation
import SQLKit
import Testing

/// Every column that points at another row is the first column of some index, on both databases:
/// without one, looking up a parent's rows scans the whole table, which is invisible with the demo
/// data and costs half a second a page at 150 areas (issue 13).
@Suite struct IndexCoverageTests {
    /// Columns named like references that are not looked up by value.
    static let notLookedUp: Set<String> = [
        "outbox_messages.message_id",        // the Message-ID header written on sending
        "health_check_rounds.question_set_id", // names a question set in the code, not a row
        "audit_entries.entity_id",           // second column of (entity_type, entity_id)
    ]

    struct Column: Decodable, Hashable { let table_name: String; let column_name: String }

    @Test func everyReferenceColumnIsIndexed() async throws {
        try await TestApp.run(demo: false) { app in
            let sql = app.db as! any SQLDatabase
            let unindexed: [Column]
            if TestApp.onPostgres {
                unindexed = try await sql.raw("""
                    SELECT c.table_name::text AS table_name, c.column_name::text AS column_name
                    FROM information_schema.columns c
                    WHERE c.table_schema = current_schema() AND c.column_name LIKE '%\\_id'
                      AND NOT EXISTS (SELECT 1 FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                                      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
                                      WHERE t.relname = c.table_name AND a.attname = c.column_name)
                    """).all(decoding: Column.self)
            } else {
                unindexed = try await sql.raw("""
                    SELECT m.name AS table_name, p.name AS column_name
                    FROM sqlite_master m JOIN pragma_table_info(m.name) p
                    WHERE m.type = 'table' AND p.name LIKE '%\\_id' ESCAPE '\\'
                      AND NOT EXISTS (SELECT 1 FROM pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii
                                      WHERE ii.seqno = 0 AND ii.name = p.name)
                    """).all(decoding: Column.self)
            }
            let missing = unindexed.map { "\($0.table_name).\($0.column_name)" }.filter { !Self.notLookedUp.contains($0) }.sorted()
            #expect(missing.isEmpty, "columns with no index: \(missing.joined(separator: ", "))")
            // The query itself must see the tables, or an empty answer would prove nothing.
            let known = try await sql.raw(TestApp.onPostgres
                ? "SELECT count(*) AS n FROM information_schema.columns WHERE table_schema = current_schema() AND column_name LIKE '%\\_id'"
                : "SELECT count(*) AS n FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name LIKE '%\\_id' ESCAPE '\\'")
                .first(decoding: Count.self)
            #expect((known?.n ?? 0) > 60)
        }
    }

    struct Count: Decodable { let n: Int }
}
