import RebalanceCore

/// The over-promise check (ADR 0009; the report's "don't over-promise") is a warning, not a mistake in the
/// form: it is shown beside the party it is about, with its confirmation, rather than in the red
/// error summary with the checkbox at the end of the form.
enum OverPromiseWarning {
    static let field = "confirmOverPromise"

    /// The warning a refusal carries, if any, and the real errors.
    static func split(_ errors: [FieldError]) -> (warning: String?, errors: [FieldError]) {
        (errors.first { $0.field == field }?.message, errors.filter { $0.field != field })
    }

    /// Places the confirmation right after the field that chose the party.
    static func insert(_ warning: String?, into fields: inout [FieldView], after anchor: String) {
        guard let warning else { return }
        var confirm = FieldView.checkbox(field, "Record it anyway", hint: "Tick to confirm you have seen this warning", checked: false)
        confirm.warning = warning
        let at = (fields.firstIndex { $0.name == anchor }).map { $0 + 1 } ?? fields.count
        fields.insert(confirm, at: at)
    }
}
