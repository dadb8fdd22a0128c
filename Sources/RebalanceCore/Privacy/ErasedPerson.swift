import Foundation

/// Who an erased person becomes in every record the partnership keeps.
public enum ErasedPerson {
    public static let name = "Former member"

    /// An address that can never receive mail (the `.invalid` top-level domain is reserved for
    /// that) and is unique, so the e-mail column's uniqueness holds.
    public static func email(for id: UUID) -> String { "erased-\(id.uuidString.lowercased())@\(domain)" }

    public static func isErased(email: String) -> Bool { email.hasSuffix("@" + domain) }

    static let domain = "erased.invalid"
}
