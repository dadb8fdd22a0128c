import Foundation

/// The confirmation step, worded for whoever is erasing.
public enum ErasureConfirmation {
    public static func check(typed: String?, email: String, erasingSelf: Bool) throws {
        if ErasedPerson.isErased(email: email) { throw ValidationFailure("confirm", "This account has already been erased") }
        let given = TextRules.trimmed(typed).lowercased()
        if given.isEmpty {
            throw ValidationFailure("confirm", erasingSelf
                ? "Type your e-mail address to confirm that you want your account erased"
                : "Type the person's e-mail address to confirm that their account should be erased")
        }
        if given != email.lowercased() {
            throw ValidationFailure("confirm", erasingSelf
                ? "That is not your account's e-mail address: type it exactly to confirm"
                : "That is not this account's e-mail address: type it exactly to confirm")
        }
    }
}
