/// How a stakeholder prefers to be reached. (Not called `Channel`: the web layer imports
/// SwiftNIO, whose `Channel` would make the name ambiguous there.)
public enum ContactChannel: String, CaseIterable, Codable, Sendable {
    /// Sent by e-mail.
    case email
    /// Printed and posted or handed over (the print style of agendas, minutes and digests).
    case post
    /// Someone from the partnership rings them; the message becomes a call note.
    case phone

    public var label: String {
        switch self {
        case .email: return "E-mail"
        case .post: return "Post or printed copy"
        case .phone: return "Phone call"
        }
    }

    /// The contact detail the channel cannot work without, as a field name of the plan's form.
    public var requiredDetailField: String {
        switch self {
        case .email: return "email"
        case .post: return "postalAddress"
        case .phone: return "phone"
        }
    }
}
