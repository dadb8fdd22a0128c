/// The report's advice: build trust through small deliverables rather than over-ambitious
/// promises. A party already behind on several promises is warned before it adds another;
/// it may go ahead, but only by saying so.
public enum OverPromiseRule {
    /// This many overdue commitments, or more, trigger the warning.
    public static let threshold = 2

    public static func warning(partyName: String, overdue: Int) -> String? {
        guard overdue >= threshold else { return nil }
        return "\(partyName) already has \(overdue) overdue commitments. Consider delivering or renegotiating those before promising more. Tick the box to confirm you still want to add this one"
    }

    /// Throws on the `confirmOverPromise` field when the warning applies and was not confirmed.
    public static func check(partyName: String, overdue: Int, confirmed: Bool) throws {
        if let message = warning(partyName: partyName, overdue: overdue), !confirmed {
            throw ValidationFailure("confirmOverPromise", message)
        }
    }
}
