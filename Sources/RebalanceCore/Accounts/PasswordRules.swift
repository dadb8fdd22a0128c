import Foundation

/// What makes a password acceptable. Length matters more than symbols (NCSC guidance), and
/// the passwords people pick most often are refused whatever their length.
public enum PasswordRules {
    public static let minimumLength = 10
    /// Bcrypt reads only the first 72 bytes; a longer password would silently be cut.
    public static let maximumBytes = 72

    public static func check(_ password: String, field: String = "password",
                             name: String? = nil, email: String? = nil,
                             into errors: inout FieldErrorList) {
        if password.isEmpty {
            errors.add(field, "Enter a password")
            return
        }
        if password.count < minimumLength {
            errors.add(field, "Password must be at least \(minimumLength) characters long")
            return
        }
        if password.utf8.count > maximumBytes {
            errors.add(field, "Password must be \(maximumBytes) bytes or fewer (about \(maximumBytes) letters)")
            return
        }
        let folded = password.lowercased()
        if CommonPasswords.contains(folded) || isRepetitive(folded) {
            errors.add(field, "This password is one of the most commonly used, so it is easy to guess. Choose another, for example three random words")
            return
        }
        if let email, !email.isEmpty {
            let local = email.lowercased().split(separator: "@").first.map(String.init) ?? ""
            if folded == email.lowercased() || (local.count >= 4 && folded.contains(local)) {
                errors.add(field, "Password must not contain your email address")
                return
            }
        }
        if let name, name.count >= 4, folded.replacingOccurrences(of: " ", with: "")
            .contains(name.lowercased().replacingOccurrences(of: " ", with: "")) {
            errors.add(field, "Password must not contain your name")
        }
    }

    /// "aaaaaaaaaa", "1212121212", "abcabcabcabc": a short pattern repeated.
    static func isRepetitive(_ s: String) -> Bool {
        let chars = Array(s)
        for period in 1...3 where chars.count >= period * 3 {
            if chars.indices.allSatisfy({ chars[$0] == chars[$0 % period] }) { return true }
        }
        return false
    }
}
