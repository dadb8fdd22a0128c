import Foundation

/// A wall-clock time in the UK (`19:00`), with no date and no time zone: meetings are agreed as
/// "7pm", and stay 7pm whether the clocks say GMT or BST.
public struct TimeOfDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses the 24-hour `HH:MM` an HTML time input sends (`7:00` is accepted too).
    /// Seconds (`19:00:00`) are accepted when zero, since some browsers add them.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || (parts.count == 3 && parts[2] == "00"),
              (1...2).contains(parts[0].count), parts[1].count == 2,
              parts[0].allSatisfy(\.isASCIIDigit), parts[1].allSatisfy(\.isASCIIDigit),
              let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(hour: h, minute: m)
    }

    /// Reads a time as people type it in a form: `19:00`, `7pm`, `7 pm`, `7.30pm`, `7:30 PM`,
    /// `19.30`, `noon`, `12 noon`, `midnight`.
    public init?(typed raw: String) {
        if let exact = TimeOfDay(raw) { self = exact; return }
        var text = raw.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "")
        switch text {
        case "noon", "12noon", "midday", "12midday": self.init(hour: 12, minute: 0); return
        case "midnight", "12midnight": self.init(hour: 0, minute: 0); return
        default: break
        }
        var meridiem: String?
        for m in ["am", "pm", "a.m.", "p.m."] where text.hasSuffix(m) {
            meridiem = m.hasPrefix("a") ? "am" : "pm"
            text.removeLast(m.count)
            break
        }
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == ":" || $0 == "." })
        guard (1...2).contains(parts.count), parts.allSatisfy({ (p: Substring) in !p.isEmpty && p.count <= 2 && p.allSatisfy { $0.isASCIIDigit } }),
              let h = Int(parts[0]), let m = parts.count == 2 ? Int(parts[1]) : 0, parts.count == 1 || parts[1].count == 2 else { return nil }
        if let meridiem {
            guard (1...12).contains(h) else { return nil }
            self.init(hour: meridiem == "am" ? h % 12 : h % 12 + 12, minute: m)
        } else {
            // A bare "7" is ambiguous (7am or 7pm?); with minutes, it is read as the 24-hour clock.
            guard parts.count == 2 else { return nil }
            self.init(hour: h, minute: m)
        }
    }

    public init?(minutesSinceMidnight minutes: Int) {
        guard (0..<24 * 60).contains(minutes) else { return nil }
        self.init(hour: minutes / 60, minute: minutes % 60)
    }

    public var minutesSinceMidnight: Int { hour * 60 + minute }

    public var description: String { String(format: "%02d:%02d", hour, minute) }

    /// "7pm", "10:30am", "12 noon": the GOV.UK style for times.
    public var readable: String {
        if hour == 12 && minute == 0 { return "12 noon" }
        if hour == 0 && minute == 0 { return "12 midnight" }
        let h12 = hour % 12 == 0 ? 12 : hour % 12
        let suffix = hour < 12 ? "am" : "pm"
        return minute == 0 ? "\(h12)\(suffix)" : String(format: "%d:%02d%@", h12, minute, suffix)
    }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutesSinceMidnight < b.minutesSinceMidnight }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let time = TimeOfDay(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "Expected a time written HH:MM, got \(text)"))
        }
        self = time
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
