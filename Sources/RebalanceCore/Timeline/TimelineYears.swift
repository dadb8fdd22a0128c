/// Which part of a long history the timeline page shows.
///
/// A partnership's first years read well as one page; fifteen years of a busy partnership are
/// thousands of events, too long to read and slow to send. So a history of more than
/// `wholeHistoryLimit` events is shown a year at a time, with every year linked.
public enum TimelineYears {
    public static let wholeHistoryLimit = 250

    /// What the page shows.
    public enum Choice: Equatable, Sendable {
        case wholeHistory
        case year(Int)
    }

    /// `requested` is the `year` the reader asked for, if any; `span` the first and last years
    /// with events (nil when there are none); `count` how many events there are in all.
    public static func choose(requested: Int?, span: ClosedRange<Int>?, count: Int, thisYear: Int) -> Choice {
        guard let span else { return .wholeHistory }
        if let requested, span.contains(requested) { return .year(requested) }
        if count <= wholeHistoryLimit { return .wholeHistory }
        // The year in progress if it has begun in the history, else the last year there is.
        return .year(span.contains(thisYear) ? thisYear : min(span.upperBound, max(span.lowerBound, thisYear)))
    }
}
