import RebalanceCore

/// A rule that warns rather than refuses (the over-promise check, ADR 0009 and the report's
/// "don't over-promise"; a payment beyond what was committed, ADR 0042): the refusal carries the
/// warning under its confirmation field, and the form shows it beside that checkbox, after the
/// field it is about, instead of in the red error summary at the end of a long form.
enum ConfirmableWarning {
    static let overPromise = "confirmOverPromise"

    /// The warning a refusal carries under `field`, if any, and the real errors.
    static func split(_ errors: [FieldError], field: String = overPromise) -> (warning: String?, errors: [FieldError]) {
        (errors.first { $0.field == field }?.message, errors.filter { $0.field != field })
    }

    /// Places the confirmation right after the field the warning is about.
    static func insert(_ warning: String?, into fields: inout [FieldView], after anchor: String, field: String = overPromise,
                       hint: String = "Tick to confirm you have seen this warning") {
        guard let warning else { return }
        var confirm = FieldView.checkbox(field, "Record it anyway", hint: hint, checked: false)
        confirm.warning = warning
        let at = (fields.firstIndex { $0.name == anchor }).map { $0 + 1 } ?? fields.count
        fields.insert(confirm, at: at)
    }
}
