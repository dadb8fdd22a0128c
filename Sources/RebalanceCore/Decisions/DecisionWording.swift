/// Small helpers shared by the sentences decisions and polls write.
enum DecisionWording {
    /// "1 member", "3 members".
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : (plural ?? singular + "s"))"
    }

    /// "a, b and c".
    static func andList(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// "a, b or c".
    static func orList(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " or " + items.last!
    }

    /// "5", "3.4", "2.67": a mean to at most two decimal places, exact for counts of people.
    static func decimal(_ numerator: Int, over denominator: Int) -> String {
        guard denominator > 0 else { return "0" }
        let negative = (numerator < 0) != (denominator < 0) && numerator != 0
        let n = abs(numerator), d = abs(denominator)
        // Round half up at the second decimal place, in integers.
        let hundredths = (n * 200 + d) / (2 * d)
        var text = "\(hundredths / 100)"
        let fraction = hundredths % 100
        if fraction != 0 {
            text += fraction % 10 == 0 ? ".\(fraction / 10)" : String(format: ".%02d", fraction)
        }
        return negative ? "-" + text : text
    }
}
