import Foundation

/// A ledger line as typed into the form, the API or a row of an imported file.
public struct LedgerEntryInput: Sendable, Codable, Equatable {
    public var lto: String?
    public var kind: String?
    public var amount: String?
    public var on: String?
    public var priority: String?
    public var project: String?
    public var commitment: String?
    public var payee: String?
    public var reference: String?
    public var description: String?

    public init(lto: String? = nil, kind: String? = nil, amount: String? = nil, on: String? = nil, priority: String? = nil,
                project: String? = nil, commitment: String? = nil, payee: String? = nil, reference: String? = nil,
                description: String? = nil) {
        self.lto = lto; self.kind = kind; self.amount = amount; self.on = on; self.priority = priority
        self.project = project; self.commitment = commitment; self.payee = payee; self.reference = reference
        self.description = description
    }
}

/// What a new ledger line is checked against.
public struct LedgerContext: Sendable {
    public var programme: ClosedRange<Day>
    /// Plan priority keys to their titles.
    public var priorities: [String: String]
    public var ltos: Set<UUID>
    public var projects: Set<UUID>
    public var commitments: Set<UUID>
    public var ledger: Ledger

    public init(programme: ClosedRange<Day>, priorities: [String: String], ltos: Set<UUID>, projects: Set<UUID> = [],
                commitments: Set<UUID> = [], ledger: Ledger) {
        self.programme = programme; self.priorities = priorities; self.ltos = ltos; self.projects = projects
        self.commitments = commitments; self.ledger = ledger
    }
}

public enum LedgerRules {
    /// The field a payment beyond what was committed must be confirmed with, as a warning.
    public static let confirmOverpay = "confirmOverpay"

    public static func validate(_ input: LedgerEntryInput, id: UUID, context: LedgerContext, confirmOverpay: Bool) throws -> LedgerEntry {
        var errors = FieldErrorList()
        var lto: UUID?
        if context.ltos.count == 1, TextRules.trimmed(input.lto).isEmpty {
            lto = context.ltos.first
        } else if let id = UUID(uuidString: TextRules.trimmed(input.lto)), context.ltos.contains(id) {
            lto = id
        } else {
            errors.add("lto", "Choose one of the partnership's LTOs")
        }
        let kindText = TextRules.trimmed(input.kind)
        let kind = LedgerEntryKind(rawValue: kindText)
        if kind == nil {
            errors.add("kind", kindText.isEmpty ? "Choose what kind of entry this is"
                : "Kind must be one of: \(LedgerEntryKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var amount = Pence.parse(input.amount, field: "amount", label: "the amount", into: &errors)
        if amount == .zero {
            errors.add("amount", "The amount must be more than £0.00")
            amount = nil
        }
        let on = DayRules.required(input.on, field: "on", label: "Date", into: &errors)
        if let on, !context.programme.contains(on) {
            errors.add("on", "Date must be within the programme, \(context.programme.lowerBound.readable) to \(context.programme.upperBound.readable)")
        }
        let priorityText = TextRules.trimmed(input.priority)
        var priority: String?
        if !priorityText.isEmpty {
            if context.priorities[priorityText] != nil { priority = priorityText }
            else if let match = context.priorities.first(where: { $0.value.caseInsensitiveCompare(priorityText) == .orderedSame }) { priority = match.key }
            else { errors.add("priority", "Choose one of the plan's priorities") }
        } else if kind?.needsPriority ?? false {
            errors.add("priority", "Choose the plan priority this money is for")
        }
        let project = optionalID(input.project, among: context.projects, field: "project", what: "a project of this partnership", into: &errors)
        let commitment = optionalID(input.commitment, among: context.commitments, field: "commitment",
                                    what: "a commitment of this partnership", into: &errors)
        let payee = TextRules.optional(input.payee, field: "payee", label: "payee", max: 200, into: &errors)
        if kind == .paid, payee == nil { errors.add("payee", "Say who was paid") }
        let reference = TextRules.optional(input.reference, field: "reference", label: "reference", max: 100, into: &errors)
        if let reference, let lto, context.ledger.entries.contains(where: { $0.ltoID == lto && $0.reference == reference }) {
            errors.add("reference", "The reference \(reference) is already in this LTO's ledger: each entry's reference must be different")
        }
        let description = TextRules.required(input.description, field: "description", label: "what the money is for", max: 500, into: &errors)
        try errors.throwIfAny()

        let entry = LedgerEntry(id: id, ltoID: lto!, kind: kind!, amount: amount!, on: on!, priority: priority, projectID: project,
                                commitmentID: commitment, payee: payee, reference: reference, description: description)
        if entry.kind == .paid, let priority, !confirmOverpay {
            let sofar = context.ledger.totals { $0.priority == priority }
            if sofar.paid + entry.amount > sofar.committed {
                throw ValidationFailure(Self.confirmOverpay, "This payment takes what is paid for “\(context.priorities[priority] ?? priority)” to \(sofar.paid + entry.amount), more than the \(sofar.committed) committed. Check it, and confirm if it is right")
            }
        }
        return entry
    }

    /// A line that cancels an earlier one: same kind, amount, priority and LTO, dated on or after it.
    public static func reversal(of targetID: UUID, id: UUID, on: Day, reason rawReason: String?, context: LedgerContext) throws -> LedgerEntry {
        guard let target = context.ledger.entry(targetID) else { throw NotFound("ledger entry") }
        var errors = FieldErrorList()
        if target.reverses != nil { errors.add("entry", "This entry is itself a reversal: to undo it, post the original entry again") }
        if context.ledger.reversal(of: targetID) != nil { errors.add("entry", "This entry has already been reversed") }
        if on < target.on { errors.add("on", "A reversal cannot be dated before the entry it reverses (\(target.on.readable))") }
        if !context.programme.contains(on) {
            errors.add("on", "Date must be within the programme, \(context.programme.lowerBound.readable) to \(context.programme.upperBound.readable)")
        }
        let reason = TextRules.required(rawReason, field: "reason", label: "why it is being reversed", max: 500, into: &errors)
        try errors.throwIfAny()
        return LedgerEntry(id: id, ltoID: target.ltoID, kind: target.kind, amount: target.amount, on: on, priority: target.priority,
                           projectID: target.projectID, commitmentID: target.commitmentID, payee: target.payee, reference: nil,
                           description: "Reverses “\(target.description)”: \(reason)", reverses: targetID)
    }

    static func optionalID(_ raw: String?, among known: Set<UUID>, field: String, what: String, into errors: inout FieldErrorList) -> UUID? {
        let text = TextRules.trimmed(raw)
        guard !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text), known.contains(id) else {
            errors.add(field, "Choose \(what) from the list")
            return nil
        }
        return id
    }
}
