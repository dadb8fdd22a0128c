import Foundation

/// Shared checks for free text, so every form words the same problem the same way.
public enum TextRules {
    public static func trimmed(_ s: String?) -> String {
        (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Checks a required single-line field and returns the trimmed value.
    @discardableResult
    public static func required(_ value: String?, field: String, label: String, max: Int,
                                into errors: inout FieldErrorList) -> String {
        let text = trimmed(value)
        if text.isEmpty {
            errors.add(field, "Enter \(label)")
        } else if text.count > max {
            errors.add(field, "\(label.prefix(1).uppercased() + label.dropFirst()) must be \(max) characters or fewer")
        }
        return text
    }

    /// Checks an optional field; returns nil when it was left blank.
    public static func optional(_ value: String?, field: String, label: String, max: Int,
                                into errors: inout FieldErrorList) -> String? {
        let text = trimmed(value)
        if text.isEmpty { return nil }
        if text.count > max {
            errors.add(field, "\(label.prefix(1).uppercased() + label.dropFirst()) must be \(max) characters or fewer")
        }
        return text
    }
}

public enum EmailRules {
    /// Deliberately loose: one @, something either side, a dot in the domain, no spaces.
    /// Stricter checks reject real addresses; delivery is the only true test.
    public static func normalised(_ raw: String?, field: String = "email",
                                  into errors: inout FieldErrorList) -> String {
        let text = TextRules.trimmed(raw).lowercased()
        if text.isEmpty {
            errors.add(field, "Enter an email address")
            return text
        }
        if text.count > 254 {
            errors.add(field, "Email address must be 254 characters or fewer")
            return text
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let valid = parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
        if !valid {
            errors.add(field, "Enter an email address in the correct format, like name@example.org")
        }
        return text
    }
}
