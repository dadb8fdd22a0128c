import Foundation

/// Readable, stable URL keys such as `marsh-lane` built from a name.
public enum Slug {
    public static let maxLength = 60

    public static func make(from name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_GB"))
        var out = ""
        var lastWasDash = true
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(Character(scalar)) || ("0"..."9").contains(Character(scalar)) {
                out.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if scalar == "&" {
                if !lastWasDash { out += "-" }
                out += "and-"
                lastWasDash = true
            } else if !lastWasDash {
                out += "-"
                lastWasDash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        if out.count > maxLength {
            out = String(out.prefix(maxLength))
            while out.hasSuffix("-") { out.removeLast() }
        }
        return out
    }

    public static func isValid(_ slug: String) -> Bool {
        !slug.isEmpty && slug.count <= maxLength && !slug.hasPrefix("-") && !slug.hasSuffix("-")
            && slug.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// `base`, or `base-2`, `base-3`... whichever is not taken yet.
    public static func unique(_ base: String, taken: Set<String>) -> String {
        let root = base.isEmpty ? "item" : base
        if !taken.contains(root) { return root }
        var n = 2
        while taken.contains("\(root)-\(n)") { n += 1 }
        return "\(root)-\(n)"
    }
}
