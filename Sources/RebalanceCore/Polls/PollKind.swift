/// The kinds of poll a partnership can run for everything that is not a formal proposal.
public enum PollKind: String, CaseIterable, Codable, Sendable {
    /// Pick any number of options; the most approved leads.
    case approval
    /// Pick one option; the most chosen leads.
    case singleChoice = "single_choice"
    /// Rank options in order of preference; counted by instant-runoff.
    case rankedChoice = "ranked_choice"
    /// Score every option within a range (0 to 5 unless set otherwise); highest total leads.
    case score
    /// Spread a number of points over the options; most points leads.
    case dotVote = "dot_vote"
    /// Options are time slots; answer yes, if need be or no for each.
    case meetingTime = "meeting_time"

    public var label: String {
        switch self {
        case .approval: return "Approval"
        case .singleChoice: return "Single choice"
        case .rankedChoice: return "Ranked choice"
        case .score: return "Score"
        case .dotVote: return "Dot vote"
        case .meetingTime: return "Meeting time"
        }
    }

    /// One line for the form and the results page.
    public var howItIsCounted: String {
        switch self {
        case .approval: return "Choose every option you support; the option with the most support leads."
        case .singleChoice: return "Choose one option; the option chosen most leads."
        case .rankedChoice: return "Rank the options in order of preference. The option with the fewest votes is knocked out round by round, its ballots moving to their next choice, until one option has more than half of the ballots still in the count."
        case .score: return "Score every option; the option with the highest total (and so the highest average) leads."
        case .dotVote: return "Spread your points over the options as you like; the option with the most points leads."
        case .meetingTime: return "Say for each time whether you can come; the best time is the one most people can make, then the one most can make if need be."
        }
    }
}
