import Foundation

/// Response statistics for the public statistics page of a council: totals, a line per team,
/// and time series for charts (with every period present, even empty ones, so a chart's axis
/// and its table match). See `EnquiryFigures` for the counting conventions.
public struct EnquiryStatistics: Sendable {
    public let enquiries: [Enquiry]
    /// The day "still open and overdue" is judged on.
    public let today: Day
    public let calendar: WorkingDayCalendar

    public init(enquiries: [Enquiry], today: Day, calendar: WorkingDayCalendar = .englandAndWales) {
        self.enquiries = enquiries
        self.today = today
        self.calendar = calendar
    }

    /// Figures for enquiries received in `period` (all time when nil), of one council and/or
    /// attributed to one team (see `TeamEnquiryFigures` for attribution).
    public func figures(council: UUID? = nil, team: UUID? = nil, period: EnquiryPeriod? = nil) -> EnquiryFigures {
        EnquiryFigures(select(council: council, period: period).filter { team == nil || $0.holdingTeamID == team },
                       today: today, calendar: calendar)
    }

    /// A line per team that has had anything to do with the council's enquiries in the period,
    /// most enquiries first (then by id, so the order is stable).
    public func teams(council: UUID, period: EnquiryPeriod? = nil) -> [TeamEnquiryFigures] {
        let chosen = select(council: council, period: period)
        var teams: Set<UUID> = []
        for e in chosen {
            teams.insert(e.firstTeamID)
            for h in e.handOffs { teams.insert(h.fromTeamID); teams.insert(h.toTeamID) }
        }
        return teams.map { team in
            TeamEnquiryFigures(
                teamID: team,
                figures: EnquiryFigures(chosen.filter { $0.holdingTeamID == team }, today: today, calendar: calendar),
                receivedFirst: chosen.filter { $0.firstTeamID == team }.count,
                handedOn: chosen.reduce(0) { $0 + $1.handOffs.filter { $0.fromTeamID == team }.count })
        }
        .sorted { ($1.figures.received, $0.teamID.uuidString) < ($0.figures.received, $1.teamID.uuidString) }
    }

    /// One point per month or quarter from the period containing `from` to the one containing
    /// `through`, each with the figures for enquiries received in it.
    public func series(council: UUID, team: UUID? = nil, granularity: EnquiryPeriod.Granularity,
                       from: Day, through: Day) -> [EnquiryPeriodFigures] {
        guard from <= through else { return [] }
        var out: [EnquiryPeriodFigures] = []
        var period = EnquiryPeriod(containing: from, granularity)
        let last = EnquiryPeriod(containing: through, granularity)
        while period <= last {
            out.append(EnquiryPeriodFigures(period: period, figures: figures(council: council, team: team, period: period)))
            period = period.next
        }
        return out
    }

    private func select(council: UUID?, period: EnquiryPeriod?) -> [Enquiry] {
        enquiries.filter { e in
            (council == nil || e.councilID == council) && (period == nil || period!.contains(e.receivedOn))
        }
    }
}
