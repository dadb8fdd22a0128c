import Foundation
import RebalanceCore
import Vapor

/// A JSON value as a client sent it, before any `Decodable` input type reads it.
indirect enum ReceivedJSON: Decodable {
    case null, bool(Bool), int(Int), number(Double), string(String), array([ReceivedJSON]), object([String: ReceivedJSON])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([ReceivedJSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: ReceivedJSON].self)) }
    }
}

/// Holds every API request to the schema its operation publishes, before the handler runs, so
/// the OpenAPI document is the contract in fact: what it calls invalid is refused (a wrong type
/// with 400, a broken limit with 422 naming the field), and the handlers' own rules then only
/// see values of the documented shape. Constraints that need the database (does this slug
/// exist?) or the clock (is this date in the future?) stay with the handlers.
enum SchemaCheck {
    /// Checks the query parameters and the JSON body of a request against `doc`.
    static func check(_ req: Request, _ doc: APIDoc) throws {
        var errors = FieldErrorList()
        for parameter in doc.query {
            guard let raw = req.query[String.self, at: parameter.name] else { continue }
            checkQuery(raw, parameter.schema, field: parameter.name, into: &errors)
        }
        try errors.throwIfAny()
        guard let name = doc.request, let buffer = req.body.data,
              req.headers.contentType == .json || req.headers.contentType?.subType == "json" else { return }
        let value = try API.decoder.decode(ReceivedJSON.self, from: Data(buffer: buffer))
        let checker = SchemaCheck.Checker()
        try checker.check(value, APISchemas.ref(name), field: "", into: &errors)
        try errors.throwIfAny()
    }

    /// A query parameter arrives as text; its schema says what the text must spell.
    static func checkQuery(_ raw: String, _ schema: JSONValue, field: String, into errors: inout FieldErrorList) {
        if case .string("integer") = schema["type"] {
            let digits = raw.hasPrefix("-") ? raw.dropFirst() : Substring(raw)
            guard !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }), let n = Int(raw) else {
                errors.add(field, "\(field) must be a whole number\(Checker.rangeWords(schema))")
                return
            }
            Checker.checkNumber(Double(n), schema, field: field, into: &errors)
            return
        }
        Checker.checkString(raw, schema, field: field, into: &errors)
    }

    struct Checker {
        let components: JSONValue = APISchemas.components
        /// For bodies: what is missing, blank or not one of a list is left to Core's drafts, which
        /// report every problem at once in the words the forms use. The checker keeps to what they
        /// do not check the same way: JSON types, lengths, number ranges, dates and ids.
        var wordsOwnRules = true

        /// Thrown for a value of the wrong JSON type: the body is not of the documented shape.
        struct WrongType: Error { let field: String; let expected: String }

        func check(_ value: ReceivedJSON, _ schema: JSONValue, field: String, into errors: inout FieldErrorList) throws {
            var schema = schema
            while case .string(let ref)? = schema["$ref"] {
                guard let resolved = components[String(ref.split(separator: "/").last ?? "")] else { return }
                schema = resolved
            }
            if case .array(let choices)? = schema["oneOf"] {
                var matching = 0
                for choice in choices {
                    var trial = FieldErrorList()
                    if (try? check(value, choice, field: field, into: &trial)) != nil, trial.isEmpty { matching += 1 }
                }
                if matching != 1 { errors.add(name(field), "\(name(field)) is not one of the documented forms") }
                return
            }
            if let types = Self.types(schema), !types.contains(where: { Self.fits(value, $0) }) {
                if case .number(let d) = value, types.contains("integer"), d.rounded() == d {
                    // A whole number too large for 64 bits: a limit problem, not a shape problem.
                    errors.add(name(field), "\(name(field)) must be a whole number\(Self.rangeWords(schema))")
                    return
                }
                throw Abort(.badRequest, reason: "\(name(field)) has the wrong type: expected \(types.joined(separator: " or "))")
            }
            if wordsOwnRules {
                // Core checks these itself, every problem at once and in the words of the form.
            } else if case .array(let allowed)? = schema["enum"], !allowed.contains(where: { Self.equal(value, $0) }) {
                let words = allowed.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
                errors.add(name(field), "\(name(field)) must be one of: \(words.joined(separator: ", "))")
                return
            }
            switch value {
            case .string(let s): Self.checkString(s, schema, field: name(field), shapeOnly: wordsOwnRules, into: &errors)
            case .int(let n): Self.checkNumber(Double(n), schema, field: name(field), into: &errors)
            case .number(let d): Self.checkNumber(d, schema, field: name(field), into: &errors)
            case .array(let items):
                if case .int(let most)? = schema["maxItems"], items.count > most {
                    errors.add(name(field), "\(name(field)) may have at most \(most) items")
                }
                if case .int(let least)? = schema["minItems"], items.count < least {
                    errors.add(name(field), "\(name(field)) must have at least \(least) item\(least == 1 ? "" : "s")")
                }
                if let itemSchema = schema["items"] {
                    for (i, item) in items.enumerated() { try check(item, itemSchema, field: "\(field)[\(i)]", into: &errors) }
                }
            case .object(let members):
                if !wordsOwnRules, case .array(let required)? = schema["required"] {
                    for case .string(let key) in required where members[key] == nil {
                        errors.add(join(field, key), "\(join(field, key)) is missing")
                    }
                }
                if case .int(let most)? = schema["maxProperties"], members.count > most {
                    errors.add(name(field), "\(name(field)) may have at most \(most) entries")
                }
                for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                    if let propertySchema = schema["properties"]?[key] {
                        try check(member, propertySchema, field: join(field, key), into: &errors)
                    } else if case .bool(false)? = schema["additionalProperties"] {
                        errors.add(join(field, key), "\(join(field, key)) is not a field this takes")
                    } else if let extra = schema["additionalProperties"], case .object = extra {
                        try check(member, extra, field: join(field, key), into: &errors)
                    }
                }
            case .null, .bool: break
            }
        }

        private func name(_ field: String) -> String { field.isEmpty ? "The body" : field }
        private func join(_ field: String, _ key: String) -> String { field.isEmpty ? key : "\(field).\(key)" }

        static func types(_ schema: JSONValue) -> [String]? {
            switch schema["type"] {
            case .string(let t)?: return [t]
            case .array(let ts)?: return ts.compactMap { if case .string(let t) = $0 { return t } else { return nil } }
            default: return nil
            }
        }

        static func fits(_ value: ReceivedJSON, _ type: String) -> Bool {
            switch (value, type) {
            case (.null, "null"), (.bool, "boolean"), (.int, "integer"), (.int, "number"), (.number, "number"),
                 (.string, "string"), (.array, "array"), (.object, "object"): return true
            default: return false
            }
        }

        static func equal(_ value: ReceivedJSON, _ allowed: JSONValue) -> Bool {
            switch (value, allowed) {
            case (.string(let a), .string(let b)): return a == b
            case (.int(let a), .int(let b)): return a == b
            case (.bool(let a), .bool(let b)): return a == b
            case (.null, .null): return true
            default: return false
            }
        }

        static func rangeWords(_ schema: JSONValue) -> String {
            switch (schema["minimum"], schema["maximum"]) {
            case (.int(let low)?, .int(let high)?): return " from \(low) to \(high)"
            case (.int(let low)?, nil): return ", \(low) or more"
            case (nil, .int(let high)?): return ", \(high) or less"
            default: return ""
            }
        }

        static func checkNumber(_ n: Double, _ schema: JSONValue, field: String, into errors: inout FieldErrorList) {
            var wrong = false
            if case .int(let low)? = schema["minimum"], n < Double(low) { wrong = true }
            if case .int(let high)? = schema["maximum"], n > Double(high) { wrong = true }
            if wrong { errors.add(field, "\(field) must be\(types(schema) == ["number"] ? " a number" : " a whole number")\(rangeWords(schema))") }
        }

        static func checkString(_ s: String, _ schema: JSONValue, field: String, shapeOnly: Bool = false,
                                into errors: inout FieldErrorList) {
            // JSON Schema counts characters as Unicode code points.
            let length = s.unicodeScalars.count
            if case .int(let most)? = schema["maxLength"], length > most {
                errors.add(field, "\(field) must be \(most) characters or fewer")
            }
            if !shapeOnly, case .int(let least)? = schema["minLength"], length < least {
                errors.add(field, least == 1 ? "\(field) must not be empty" : "\(field) must be \(least) characters or more")
            }
            if !shapeOnly, case .array(let allowed)? = schema["enum"], !allowed.contains(.string(s)) {
                let words = allowed.compactMap { if case .string(let w) = $0 { return w } else { return nil } }
                errors.add(field, "\(field) must be one of: \(words.joined(separator: ", "))")
            }
            if !shapeOnly, case .string(let pattern)? = schema["pattern"], !Patterns.matches(s, pattern) {
                errors.add(field, "\(field) \(patternWords(schema))")
            }
            switch schema["format"] {
            case .string("date")?:
                if !Formats.isDate(s) { errors.add(field, "\(field) must be a real date, written like 2026-03-27") }
            case .string("date-time")?:
                if !Formats.isDateTime(s) { errors.add(field, "\(field) must be a date and time with its zone, like 2026-03-27T18:00:00Z") }
            case .string("uuid")?:
                if UUID(uuidString: s) == nil { errors.add(field, "\(field) must be an id like 3f2b8c1e-0d4a-4c7e-9b1a-2e5f6a7b8c9d") }
            default: break
            }
        }

        static func patternWords(_ schema: JSONValue) -> String {
            if case .string(let words)? = schema["x-pattern-words"] { return words }
            return "is not in the documented form"
        }
    }

    enum Formats {
        /// RFC 3339 full-date: exactly `YYYY-MM-DD` in ASCII digits, and a real day.
        static func isDate(_ s: String) -> Bool {
            let u = Array(s.utf8)
            guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
                  u.enumerated().allSatisfy({ i, c in i == 4 || i == 7 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) })
            else { return false }
            return Day(s) != nil
        }

        /// RFC 3339 date-time: a full date, `T`, a time with seconds, and a zone.
        static func isDateTime(_ s: String) -> Bool {
            guard s.utf8.count >= 20, s.utf8.count <= 35, isDate(String(s.prefix(10))) else { return false }
            let plain = ISO8601DateFormatter()
            let fractional = ISO8601DateFormatter()
            fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return plain.date(from: s) != nil || fractional.date(from: s) != nil
        }
    }

    enum Patterns {
        static func matches(_ s: String, _ pattern: String) -> Bool {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return true }
            return regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
        }
    }
}
