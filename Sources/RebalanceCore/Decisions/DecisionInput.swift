import Foundation

/// Field readers shared by the proposal and poll forms, so both word the same problem the same way.
enum DecisionInput {
    /// Reads one of an enum's raw values. Blank gives `blank` when there is a sensible default,
    /// or reports `missing` when the field is required (and then returns `fallback`).
    static func choice<Value: RawRepresentable & CaseIterable>(
        _ raw: String?, field: String, label: String, blank: Value?, missing: String, fallback: Value,
        into errors: inout FieldErrorList) -> Value where Value.RawValue == String {
        let text = TextRules.trimmed(raw)
        if text.isEmpty {
            if let blank { return blank }
            errors.add(field, missing)
            return fallback
        }
        if let value = Value(rawValue: text) { return value }
        errors.add(field, "\(label) must be one of: \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
        return fallback
    }

    /// Reads a time that must fall after `now` and within a year of it; nil (with the problem
    /// reported) otherwise.
    static func futureTime(_ raw: String?, field: String, label: String, missing: String, now: Date,
                           into errors: inout FieldErrorList) -> Date? {
        let text = TextRules.trimmed(raw)
        if text.isEmpty {
            errors.add(field, missing)
            return nil
        }
        guard let time = DecisionTime.parse(text) else {
            errors.add(field, "\(label) must be a real date and time, written like 2026-03-27T18:00")
            return nil
        }
        if time <= now {
            errors.add(field, "\(label) must be in the future")
        } else if time.timeIntervalSince(now) > ProposalDraft.longestOpenPeriod {
            errors.add(field, "\(label) must be within a year from now")
        }
        return time
    }
}
