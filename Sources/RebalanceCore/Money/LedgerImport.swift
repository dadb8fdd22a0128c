import Foundation

/// Importing an LTO's transactions from a CSV file. Every row is checked before anything is
/// written; one bad row rejects the file with every problem listed by line. A row whose
/// reference is already in the ledger with the same details was imported before and is skipped,
/// so the same file can be imported twice without adding anything.
public enum LedgerImport {
    public static let required = ["date", "kind", "amount", "priority", "reference", "description"]
    public static let optional = ["payee", "project"]
    public static let maximumRows = 20_000

    /// A file to start from: the header and two example rows.
    public static let template = """
    date,kind,amount,priority,payee,reference,description,project
    2025-04-01,received,55000.00,,,OFFER-2025-1,First tranche of 2025-26,
    2025-05-14,paid,1250.50,Green spaces,Fernhill Tools Ltd,INV-20931,Tools for the community garden,

    """

    public struct LineProblem: Sendable, Equatable, Error, Codable {
        public var line: Int
        public var message: String
    }

    /// The whole file was refused: nothing was written.
    public struct Refused: Error, Sendable, Equatable {
        public var problems: [LineProblem]
    }

    public struct Result: Sendable, Equatable {
        public var entries: [LedgerEntry]
        public var alreadyImported: Int
    }

    /// `context` holds the LTO's ledger as it stands; `newID` makes the id of each new line.
    public static func check(_ text: String, lto: UUID, context: LedgerContext, newID: () -> UUID) throws -> Result {
        let records = CSVReader.records(text)
        guard let header = records.first else { throw Refused(problems: [LineProblem(line: 1, message: "The file is empty")]) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = required.filter { !names.contains($0) }
        if !missing.isEmpty {
            throw Refused(problems: [LineProblem(line: header.line, message: "The header row is missing the column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", "))")])
        }
        let rows = records.dropFirst()
        if rows.count > maximumRows {
            throw Refused(problems: [LineProblem(line: header.line, message: "The file has \(rows.count) rows: import at most \(maximumRows) at a time")])
        }
        func column(_ name: String, _ r: CSVReader.Record) -> String? {
            guard let i = names.firstIndex(of: name), i < r.fields.count else { return nil }
            return r.fields[i]
        }
        var problems: [LineProblem] = []
        var context = context
        var added: [LedgerEntry] = []
        var skipped = 0
        var seen: [String: Int] = [:]
        for r in rows {
            let reference = TextRules.trimmed(column("reference", r))
            if reference.isEmpty {
                problems.append(LineProblem(line: r.line, message: "reference: every row needs the LTO's reference, so the file can be imported again safely"))
                continue
            }
            if let first = seen[reference] {
                problems.append(LineProblem(line: r.line, message: "reference: \(reference) is also on line \(first)"))
                continue
            }
            seen[reference] = r.line
            let input = LedgerEntryInput(lto: lto.uuidString, kind: column("kind", r), amount: column("amount", r), on: column("date", r),
                                         priority: column("priority", r), project: column("project", r), payee: column("payee", r),
                                         reference: reference, description: column("description", r))
            if let existing = context.ledger.entries.first(where: { $0.ltoID == lto && $0.reference == reference }) {
                var errors = FieldErrorList()
                let amount = Pence.parse(input.amount, field: "amount", label: "amount", into: &errors)
                if existing.kind.rawValue == TextRules.trimmed(input.kind), existing.amount == amount, existing.on == Day(TextRules.trimmed(input.on)) {
                    skipped += 1
                } else {
                    problems.append(LineProblem(line: r.line, message: "reference: \(reference) is already in the ledger with different details: reverse that entry first if it was wrong"))
                }
                continue
            }
            do {
                // The LTO's books are the record of what happened: a payment beyond what was
                // committed is imported as it stands, and shows in spend against plan.
                let entry = try LedgerRules.validate(input, id: newID(), context: context, confirmOverpay: true)
                added.append(entry)
                context.ledger = Ledger(context.ledger.entries + [entry])
            } catch let failure as ValidationFailure {
                problems += failure.errors.map { LineProblem(line: r.line, message: "\(columnName($0.field)): \($0.message)") }
            }
        }
        if !problems.isEmpty { throw Refused(problems: problems) }
        return Result(entries: added, alreadyImported: skipped)
    }

    static func columnName(_ field: String) -> String { field == "on" ? "date" : field }
}
