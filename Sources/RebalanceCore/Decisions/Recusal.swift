import Foundation

/// A member stepping aside from one proposal because of a declared interest (they run the
/// group asking for a grant, a relative would be hired...). The record shows who stepped aside
/// and why; their position is not counted and they cannot record a new one.
public struct Recusal: Hashable, Sendable, Codable {
    public let personID: UUID
    /// What the interest is, in the member's words. Required: an unexplained recusal would let a
    /// member dodge a hard decision without the partnership knowing why.
    public let interest: String
    public let declaredAt: Date

    public static let interestMaxLength = 1000

    /// Checks the declared interest; the field is `interest`.
    public static func declare(personID: UUID, interest: String?, at time: Date) throws -> Recusal {
        var errors = FieldErrorList()
        let text = TextRules.required(interest, field: "interest", label: "the interest you are declaring",
                                      max: interestMaxLength, into: &errors)
        try errors.throwIfAny()
        return Recusal(personID: personID, interest: text, declaredAt: time)
    }

    /// For loading a stored recusal; new ones go through `declare`.
    public init(personID: UUID, interest: String, declaredAt: Date) {
        self.personID = personID
        self.interest = interest
        self.declaredAt = declaredAt
    }
}
