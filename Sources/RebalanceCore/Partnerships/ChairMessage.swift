/// A message to a partnership's chair from anyone signed in, sent through the outbox so the
/// chair's address is never shown. A few a day is plenty for a person; more is a nuisance.
public struct ChairMessage: Sendable, Equatable {
    public var subject: String
    public var message: String
    public var shareEmail: Bool

    public static let dailyLimit = 3

    public static func validate(subject rawSubject: String?, message rawMessage: String?, shareEmail: Bool,
                                sentInLastDay: Int) throws -> ChairMessage {
        var errors = FieldErrorList()
        let subject = TextRules.required(rawSubject, field: "subject", label: "a subject", max: 120, into: &errors)
        let message = TextRules.required(rawMessage, field: "message", label: "your message", max: 4000, into: &errors)
        if sentInLastDay >= dailyLimit {
            errors.add("message", "You have written to this chair \(dailyLimit) times today: please wait until tomorrow")
        }
        try errors.throwIfAny()
        return ChairMessage(subject: subject, message: message, shareEmail: shareEmail)
    }
}
