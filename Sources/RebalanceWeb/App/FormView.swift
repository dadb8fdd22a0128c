import RebalanceCore
import Vapor

/// A form described as data, rendered by one template (`partials/form`), so every form gets
/// the same labels, hints, error messages linked from the summary, and CSRF token.
struct FormView: Encodable {
    var action: String
    var submitLabel: String
    var fields: [FieldView]
    var hidden: [HiddenField] = []
    var csrf: String
    /// Shared with the page's chrome, so the page title can begin "Error:" when this form shows errors.
    let errorFlag: PageErrorFlag
    var errors: [FieldError] = [] { didSet { if !errors.isEmpty { errorFlag.raised = true } } }
    /// Shown above the summary when the save was refused because the record changed.
    var conflict: String? { didSet { if conflict != nil { errorFlag.raised = true } } }
    var secondary: Link?
    /// Sent as multipart/form-data, because it carries a file.
    let multipart: Bool

    struct HiddenField: Encodable { let name: String; let value: String }
    struct Link: Encodable { let href: String; let label: String }

    init(_ req: Request, action: String, submit: String, fields: [FieldView], secondary: Link? = nil) {
        self.action = action
        self.submitLabel = submit
        self.fields = fields
        self.multipart = fields.contains { $0.type == "file" }
        self.csrf = req.csrfToken
        self.secondary = secondary
        self.errorFlag = req.pageErrorFlag
    }

    /// Fills in what was typed and the error for each field.
    func showing(_ values: [String: String], errors: [FieldError]) -> FormView {
        var copy = self
        copy.errors = errors
        copy.fields = fields.map { field in
            var f = field
            if let v = values[field.name], field.type != "password", field.type != "file" {
                f.value = v
                // A group of checkboxes comes back as its ticked values joined by commas.
                let ticked = field.type == "checkboxes" ? Set(v.split(separator: ",").map(String.init)) : [v]
                f.options = f.options.map { FieldView.Option(value: $0.value, label: $0.label, selected: ticked.contains($0.value) || (field.multiValues.contains($0.value)), hint: $0.hint) }
            }
            if field.type == "checkbox" { f.checked = values[field.name] == "true" || values[field.name] == "on" }
            f.error = errors.first { $0.field == field.name }?.message
            return f
        }
        return copy
    }

    func hiding(_ name: String, _ value: String) -> FormView {
        var copy = self
        copy.hidden.append(HiddenField(name: name, value: value))
        return copy
    }
}

struct FieldView: Encodable {
    var name: String
    var label: String
    var type: String
    var hint: String?
    var value: String = ""
    var error: String?
    var options: [Option] = []
    var checked: Bool = false
    var autocomplete: String?
    var width: String?
    /// Values ticked in a group of checkboxes.
    var multiValues: [String] = []
    var required: Bool = false
    /// A class naming a set of fields the page's style shows only when they apply (the repeat
    /// fields of a meeting only when it repeats); without that style they are simply all shown.
    var group: String?
    /// A warning shown beside a confirmation checkbox: not an error, so not in the summary.
    var warning: String?
    /// The file types a file field offers.
    var accept: String?

    func inGroup(_ group: String) -> FieldView {
        var copy = self
        copy.group = group
        return copy
    }

    struct Option: Encodable {
        let value: String
        let label: String
        var selected: Bool = false
        var hint: String? = nil
    }

    static func text(_ name: String, _ label: String, hint: String? = nil, value: String? = nil, autocomplete: String? = nil,
                     width: String? = nil, required: Bool = false) -> FieldView {
        FieldView(name: name, label: label, type: "text", hint: hint, value: value ?? "", autocomplete: autocomplete, width: width, required: required)
    }

    static func email(_ name: String, _ label: String, hint: String? = nil, value: String? = nil, autocomplete: String? = "email") -> FieldView {
        FieldView(name: name, label: label, type: "email", hint: hint, value: value ?? "", autocomplete: autocomplete, required: true)
    }

    static func password(_ name: String, _ label: String, hint: String? = nil, autocomplete: String) -> FieldView {
        FieldView(name: name, label: label, type: "password", hint: hint, autocomplete: autocomplete, required: true)
    }

    static func textarea(_ name: String, _ label: String, hint: String? = nil, value: String? = nil) -> FieldView {
        FieldView(name: name, label: label, type: "textarea", hint: hint, value: value ?? "")
    }

    /// A file to upload; `accept` lists the types offered in the browser's file picker.
    static func file(_ name: String, _ label: String, hint: String? = nil, accept: String) -> FieldView {
        var field = FieldView(name: name, label: label, type: "file", hint: hint)
        field.accept = accept
        return field
    }

    static func number(_ name: String, _ label: String, hint: String? = nil, value: String? = nil) -> FieldView {
        FieldView(name: name, label: label, type: "number", hint: hint, value: value ?? "", width: "narrow")
    }

    static func date(_ name: String, _ label: String, hint: String? = "For example, 27 March 2026", value: String? = nil) -> FieldView {
        FieldView(name: name, label: label, type: "date", hint: hint, value: value ?? "", width: "narrow")
    }

    static func select(_ name: String, _ label: String, hint: String? = nil, options: [Option], value: String? = nil,
                       blank: String? = nil) -> FieldView {
        let all = (blank.map { [Option(value: "", label: $0)] } ?? []) + options
        return FieldView(name: name, label: label, type: "select", hint: hint, value: value ?? "",
                         options: all.map { Option(value: $0.value, label: $0.label, selected: $0.value == (value ?? "")) })
    }

    /// A choice of a few options, each visible with its own hint (GOV.UK radios).
    static func radios(_ name: String, _ label: String, hint: String? = nil, options: [Option], value: String? = nil) -> FieldView {
        FieldView(name: name, label: label, type: "radios", hint: hint, value: value ?? "",
                  options: options.map { Option(value: $0.value, label: $0.label, selected: $0.value == (value ?? ""), hint: $0.hint) })
    }

    /// A date and time, as a `datetime-local` input sends it (UK time, `2026-03-27T18:00`).
    static func dateTime(_ name: String, _ label: String, hint: String? = "For example, 27 March 2027 at 6pm", value: String? = nil) -> FieldView {
        FieldView(name: name, label: label, type: "datetime-local", hint: hint, value: value ?? "", width: "medium")
    }

    static func checkbox(_ name: String, _ label: String, hint: String? = nil, checked: Bool) -> FieldView {
        FieldView(name: name, label: label, type: "checkbox", hint: hint, value: "true", checked: checked)
    }

    static func checkboxes(_ name: String, _ label: String, hint: String? = nil, options: [Option], checked: [String]) -> FieldView {
        FieldView(name: name, label: label, type: "checkboxes", hint: hint,
                  options: options.map { Option(value: $0.value, label: $0.label, selected: checked.contains($0.value)) },
                  multiValues: checked)
    }
}

/// Reads an HTML form body as plain strings (and lists for repeated names), whatever was sent.
struct FormInput {
    let values: [String: String]
    let lists: [String: [String]]

    init(_ req: Request) {
        var values: [String: String] = [:]
        var lists: [String: [String]] = [:]
        if req.headers.contentType?.type == "multipart" {
            // A form with a file: each part by name, a file's part as its text.
            values = (try? req.content.decode([String: String].self)) ?? [:]
            lists = values.mapValues { [$0] }
        } else if let body = req.body.string {
            for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                func decode(_ s: Substring) -> String {
                    s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
                }
                let key = decode(parts[0])
                let value = parts.count > 1 ? decode(parts[1]) : ""
                let bare = key.hasSuffix("[]") ? String(key.dropLast(2)) : key
                lists[bare, default: []].append(value)
                if values[bare] == nil { values[bare] = value }
            }
        }
        self.values = values
        self.lists = lists
    }

    subscript(_ key: String) -> String? { values[key] }
    func list(_ key: String) -> [String] { lists[key] ?? [] }
    func flag(_ key: String) -> Bool { ["true", "on", "yes", "1"].contains(values[key] ?? "") }
    /// The version the editor loaded; a missing or garbled one can never match.
    var version: Int { Int(values["version"] ?? "") ?? -1 }
}

/// Whether the page being made shows a form's errors: the form raises it, the chrome reads it
/// when the page is rendered (after both are made), and the title then begins "Error:", as
/// screen-reader users hear the title first.
final class PageErrorFlag: Encodable, @unchecked Sendable {
    var raised = false
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(raised)
    }
}

struct PageErrorFlagKey: StorageKey { typealias Value = PageErrorFlag }

extension Request {
    var pageErrorFlag: PageErrorFlag {
        if let flag = storage[PageErrorFlagKey.self] { return flag }
        let flag = PageErrorFlag()
        storage[PageErrorFlagKey.self] = flag
        return flag
    }
}
