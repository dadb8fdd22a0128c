/// One sitting of the health check in one partnership: opened on a day, closing on a chosen
/// day, using one version of one question set. Answers are accepted up to and including the
/// closing date; someone may close it earlier, but nobody can reopen it, so a round's results
/// never change after people have seen them.
public struct HealthCheckRound: Sendable, Equatable, Codable {
    /// A round runs for at least a day and at most this long: long enough for people to answer,
    /// short enough that the results describe one moment.
    public static let longestRun = 90

    public var questionSet: QuestionSetKey
    public var opensOn: Day
    public var closesOn: Day
    /// Set when someone closes the round before its closing date.
    public var closedEarlyOn: Day?

    public init(questionSet: QuestionSetKey, opensOn: Day, closesOn: Day, closedEarlyOn: Day? = nil) {
        self.questionSet = questionSet; self.opensOn = opensOn; self.closesOn = closesOn; self.closedEarlyOn = closedEarlyOn
    }

    /// Open from its first day to the end of its closing date, unless closed early.
    public func state(on today: Day) -> State {
        closedEarlyOn == nil && today <= closesOn ? .open : .closed
    }

    /// The day the round stopped (or will stop) taking answers: the results' date.
    public var endedOn: Day { closedEarlyOn ?? closesOn }

    // MARK: - Opening

    public struct Input: Sendable, Codable {
        /// `YYYY-MM-DD`.
        public var closesOn: String?
        /// A question set id; blank means the first of the known sets. The newest version of
        /// that id is used.
        public var questionSet: String?
        public init(closesOn: String? = nil, questionSet: String? = nil) {
            self.closesOn = closesOn; self.questionSet = questionSet
        }
    }

    /// The chair or a council officer opens a round today. `knownSets` are the question sets the
    /// installation offers (at least `QuestionSet.builtIn`); `otherRounds` are the partnership's
    /// earlier rounds, since only one may be open at a time.
    public static func open(_ input: Input, today: Day, knownSets: [QuestionSet] = QuestionSet.builtIn,
                            otherRounds: [HealthCheckRound]) throws -> HealthCheckRound {
        var errors = FieldErrorList()
        if let running = otherRounds.first(where: { $0.state(on: today) == .open }) {
            errors.add("round", "A health check is already open until \(running.closesOn.readable): close it before opening another")
        }
        let closes = DayRules.required(input.closesOn, field: "closesOn", label: "Closing date", into: &errors)
        if let closes {
            if closes <= today {
                errors.add("closesOn", "Closing date must be after today (\(today.readable))")
            } else if closes > today.adding(days: longestRun) {
                errors.add("closesOn", "Closing date must be within \(longestRun) days of today, on or before \(today.adding(days: longestRun).readable)")
            }
        }
        let wanted = TextRules.trimmed(input.questionSet)
        let set: QuestionSet?
        if wanted.isEmpty {
            set = knownSets.first
        } else {
            set = knownSets.filter { $0.id == wanted }.max { $0.version < $1.version }
        }
        if set == nil {
            errors.add("questionSet", wanted.isEmpty
                ? "There is no questionnaire to use: add a question set first"
                : "Choose a questionnaire from the list: \(wanted) is not one we know")
        }
        try errors.throwIfAny()
        return HealthCheckRound(questionSet: set!.key, opensOn: today, closesOn: closes!)
    }

    // MARK: - Changing

    /// Closes the round now. Closing an already closed round is refused, so two people
    /// pressing "close" at once do not both think they did it.
    public func closing(today: Day) throws -> HealthCheckRound {
        guard state(on: today) == .open else {
            throw ValidationFailure("round", "This health check already closed on \(endedOn.readable)")
        }
        var copy = self
        // Closing on the first day or later is fine; the stored day never precedes the opening.
        copy.closedEarlyOn = max(today, opensOn)
        return copy
    }

    /// Always refused: results people have seen must not change. The message says what to do.
    public func reopening(today: Day) throws -> HealthCheckRound {
        if state(on: today) == .open {
            throw ValidationFailure("round", "This health check is still open until \(closesOn.readable)")
        }
        throw ValidationFailure("round", "A closed health check cannot be reopened, so its results stay as people saw them. Open a new round instead.")
    }

    /// Moves the closing date of an open round (to give people more time, or less).
    public func extending(to raw: String?, today: Day) throws -> HealthCheckRound {
        var errors = FieldErrorList()
        if state(on: today) == .closed {
            errors.add("closesOn", "This health check closed on \(endedOn.readable); a closed round cannot be changed")
        }
        let closes = DayRules.required(raw, field: "closesOn", label: "Closing date", into: &errors)
        if let closes {
            if closes < today {
                errors.add("closesOn", "Closing date must be today (\(today.readable)) or later")
            } else if closes > opensOn.adding(days: Self.longestRun) {
                errors.add("closesOn", "Closing date must be within \(Self.longestRun) days of the opening (\(opensOn.readable)), on or before \(opensOn.adding(days: Self.longestRun).readable)")
            }
        }
        try errors.throwIfAny()
        var copy = self
        copy.closesOn = closes!
        return copy
    }

    // MARK: - Answering

    /// Whether this invitee may send answers now, and whether they would be new or a change.
    /// (That nobody answers twice is the store's to enforce; this says what it should do.)
    public func answerDecision(invited: Bool, alreadyAnswered: Bool, today: Day) -> AnswerDecision {
        if !invited {
            return .refused("You were not invited to answer this health check. Ask the partnership's chair to add you to it.")
        }
        if today < opensOn {
            return .refused("This health check opens on \(opensOn.readable).")
        }
        if state(on: today) == .closed {
            return .refused(closedEarlyOn != nil
                ? "This health check was closed on \(endedOn.readable), so answers are no longer accepted."
                : "This health check closed on \(closesOn.readable), so answers are no longer accepted.")
        }
        return alreadyAnswered ? .update : .firstAnswer
    }

    /// `answerDecision` for use cases that must stop: throws the refusal as a `ValidationFailure`
    /// on the field `round`.
    @discardableResult
    public func admitAnswer(invited: Bool, alreadyAnswered: Bool, today: Day) throws -> AnswerDecision {
        let decision = answerDecision(invited: invited, alreadyAnswered: alreadyAnswered, today: today)
        if case .refused(let message) = decision { throw ValidationFailure("round", message) }
        return decision
    }
}

public enum AnswerDecision: Sendable, Equatable {
    /// Store the answers.
    case firstAnswer
    /// Replace this person's earlier answers (allowed until the round closes).
    case update
    /// Refuse, with the message to show.
    case refused(String)

    public var isAllowed: Bool {
        if case .refused = self { return false }
        return true
    }
}

extension HealthCheckRound {
    /// A round moves one way only: open, then closed.
    public enum State: String, Codable, Sendable {
        case open
        case closed
    }
}
