/// What a track record needs to know about one promise.
public struct CommitmentFacts: Sendable, Equatable {
    public var state: CommitmentState
    /// The date first agreed.
    public var originalDueOn: Day
    /// The latest agreed date (after any renegotiation): what "on time" is judged against (ADR 0009).
    public var dueOn: Day
    public var deliveredOn: Day?
    public var renegotiations: Int

    public init(state: CommitmentState, originalDueOn: Day, dueOn: Day, deliveredOn: Day?, renegotiations: Int = 0) {
        self.state = state; self.originalDueOn = originalDueOn; self.dueOn = dueOn
        self.deliveredOn = deliveredOn; self.renegotiations = renegotiations
    }

    /// Open and past its (latest) due date on `day`.
    public func isOverdue(on day: Day) -> Bool { state.isOpen && dueOn < day }

    /// Delivered by the latest agreed date; nil when not delivered.
    public var deliveredOnTime: Bool? {
        guard state == .delivered else { return nil }
        return (deliveredOn ?? dueOn) <= dueOn
    }
}

/// A party's record on a given day. The five headline numbers are disjoint and add up to every
/// promise that was not withdrawn: delivered on time, delivered late, missed, open (not yet
/// due), overdue (open and past due). Withdrawn and renegotiated promises are counted besides.
public struct TrackRecord: Sendable, Equatable, Codable {
    public var onTime = 0
    public var late = 0
    public var missed = 0
    public var open = 0
    public var overdue = 0
    public var withdrawn = 0
    /// Promises whose date was changed at least once, whatever became of them.
    public var renegotiated = 0
    /// Delivered on time only because the date was moved: on time against the latest date, late
    /// against the first.
    public var onTimeAfterRenegotiation = 0

    public init() {}

    public init(_ commitments: [CommitmentFacts], asOf day: Day) {
        for c in commitments {
            if c.renegotiations > 0 { renegotiated += 1 }
            switch c.state {
            case .delivered:
                if c.deliveredOnTime == true {
                    onTime += 1
                    if let d = c.deliveredOn, d > c.originalDueOn { onTimeAfterRenegotiation += 1 }
                } else {
                    late += 1
                }
            case .missed: missed += 1
            case .withdrawn: withdrawn += 1
            case .proposed, .agreed, .inProgress:
                if c.isOverdue(on: day) { overdue += 1 } else { open += 1 }
            }
        }
    }

    public var delivered: Int { onTime + late }
    /// Every promise not withdrawn.
    public var total: Int { onTime + late + missed + open + overdue }
    /// Promises whose outcome is known.
    public var settled: Int { onTime + late + missed }

    /// "5 delivered on time, 2 late, 1 missed, 3 open, 1 overdue": the chart's text equivalent.
    public var sentence: String {
        "\(onTime) delivered on time, \(late) delivered late, \(missed) missed, \(open) open, \(overdue) overdue"
    }
}
