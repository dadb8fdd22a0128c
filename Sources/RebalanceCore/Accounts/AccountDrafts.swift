/// Turns a password into a stored hash and checks one; the web layer supplies Bcrypt, run on a
/// thread pool because each call takes a deliberate fraction of a second.
public protocol PasswordHashing: Sendable {
    func hash(_ password: String) async throws -> String
    func verify(_ password: String, against hash: String) async throws -> Bool
}

public struct RegistrationDraft: Sendable, Equatable {
    public var name: String
    public var email: String
    public var password: String

    public static func validate(name: String?, email: String?, password: String?, confirmation: String?) throws -> RegistrationDraft {
        var errors = FieldErrorList()
        let n = TextRules.required(name, field: "name", label: "your name", max: 100, into: &errors)
        let e = EmailRules.normalised(email, into: &errors)
        let p = password ?? ""
        PasswordRules.check(p, name: n, email: e, into: &errors)
        if errors.message(for: "password") == nil, p != (confirmation ?? "") {
            errors.add("passwordConfirmation", "The two passwords do not match")
        }
        try errors.throwIfAny()
        return RegistrationDraft(name: n, email: e, password: p)
    }
}

extension FieldErrorList {
    public func message(for field: String) -> String? { errors.first { $0.field == field }?.message }
}
