import Foundation

/// A move from one state to another, checked against the state machine before anything is written.
public struct CommitmentTransition: Sendable, Equatable {
    public var from: CommitmentState
    public var to: CommitmentState
    public var reason: String?
    /// For a delivery: the day it was delivered (defaults to today; never in the future).
    public var on: Day

    public struct Input: Sendable, Codable {
        public var state: String?
        public var reason: String?
        public var on: String?
        public init(state: String? = nil, reason: String? = nil, on: String? = nil) {
            self.state = state; self.reason = reason; self.on = on
        }
    }

    public static func validate(_ input: Input, current: CommitmentState, createdOn: Day, today: Day) throws -> CommitmentTransition {
        var errors = FieldErrorList()
        let text = TextRules.trimmed(input.state)
        var target: CommitmentState?
        if text.isEmpty {
            errors.add("state", "Select the new state")
        } else if let s = CommitmentState(rawValue: text) {
            if !current.canMove(to: s) {
                let allowed = current.next.map(\.label).joined(separator: ", ")
                errors.add("state", allowed.isEmpty
                    ? "A commitment that is \(current.label.lowercased()) cannot change state any more"
                    : "A commitment that is \(current.label.lowercased()) can only become: \(allowed)")
            } else {
                target = s
            }
        } else {
            errors.add("state", "State must be one of: \(CommitmentState.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let reason = TextRules.optional(input.reason, field: "reason", label: "reason", max: 2000, into: &errors)
        if target == .withdrawn, reason == nil {
            errors.add("reason", "Enter why the commitment is being withdrawn")
        }
        let on = DayRules.optional(input.on, field: "on", label: "Date", into: &errors) ?? today
        if on > today { errors.add("on", "Date must be today (\(today.readable)) or earlier") }
        if on < createdOn { errors.add("on", "Date must be on or after the day the commitment was made (\(createdOn.readable))") }
        try errors.throwIfAny()
        return CommitmentTransition(from: current, to: target!, reason: reason, on: on)
    }
}

/// A new due date, agreed again with a reason. The old date stays in the history.
public struct Renegotiation: Sendable, Equatable {
    public var from: Day
    public var to: Day
    public var reason: String

    public struct Input: Sendable, Codable {
        public var dueOn: String?
        public var reason: String?
        public init(dueOn: String? = nil, reason: String? = nil) { self.dueOn = dueOn; self.reason = reason }
    }

    public static func validate(_ input: Input, state: CommitmentState, currentDue: Day, today: Day) throws -> Renegotiation {
        var errors = FieldErrorList()
        if !state.canRenegotiate {
            errors.add("dueOn", "A commitment that is \(state.label.lowercased()) cannot be given a new date")
        }
        let due = DayRules.required(input.dueOn, field: "dueOn", label: "New due date", into: &errors)
        if let due {
            if due < today { errors.add("dueOn", "New due date must be today (\(today.readable)) or later") }
            else if due == currentDue { errors.add("dueOn", "New due date must differ from the current one (\(currentDue.readable))") }
        }
        let reason = TextRules.required(input.reason, field: "reason", label: "why the date is changing", max: 2000, into: &errors)
        try errors.throwIfAny()
        return Renegotiation(from: currentDue, to: due!, reason: reason)
    }
}
