import Foundation

/// When the team holding an open enquiry is reminded: on its due day, then every
/// `everyWorkingDays` working days until it is answered or withdrawn. Reminders go out on
/// working days only.
///
/// The rule looks at the last reminder actually sent, not at whether today is exactly a
/// reminder day, so a worker that did not run for a few days catches up with one reminder
/// (never several), and running it twice on a day sends nothing the second time.
public struct EnquiryReminderPolicy: Hashable, Sendable {
    public var everyWorkingDays: Int

    public init(everyWorkingDays: Int = 5) {
        precondition(everyWorkingDays >= 1, "reminders need a gap of at least one working day")
        self.everyWorkingDays = everyWorkingDays
    }

    /// The reminder the enquiry needs today, if any.
    public func reminder(for enquiry: Enquiry, today: Day, calendar: WorkingDayCalendar = .englandAndWales) -> EnquiryReminder? {
        guard enquiry.isOpen, calendar.isWorkingDay(today) else { return nil }
        let due = enquiry.dueOn(in: calendar)
        guard today >= due else { return nil }
        // The latest scheduled reminder day on or before today.
        let sinceDue = calendar.workingDays(from: due, to: today)
        let latest = calendar.adding(workingDays: sinceDue / everyWorkingDays * everyWorkingDays, to: due)
        if let last = enquiry.lastRemindedOn, last >= latest { return nil }
        return EnquiryReminder(enquiryID: enquiry.id, teamID: enquiry.holdingTeamID, dueOn: due,
                               workingDaysOverdue: sinceDue, number: sinceDue / everyWorkingDays + 1)
    }

    /// Which of these enquiries need a reminder today, oldest due day first.
    public func reminders(for enquiries: [Enquiry], today: Day, calendar: WorkingDayCalendar = .englandAndWales) -> [EnquiryReminder] {
        enquiries.compactMap { reminder(for: $0, today: today, calendar: calendar) }
            .sorted { ($0.dueOn, $0.enquiryID.uuidString) < ($1.dueOn, $1.enquiryID.uuidString) }
    }
}

/// A reminder to send to the team holding an enquiry. After sending, store today as the
/// enquiry's `lastRemindedOn`.
public struct EnquiryReminder: Hashable, Sendable {
    public let enquiryID: UUID
    /// The team to remind: the one holding the enquiry now.
    public let teamID: UUID
    public let dueOn: Day
    /// 0 on the due day itself.
    public let workingDaysOverdue: Int
    /// 1 for the reminder on the due day, 2 for the next, and so on.
    public let number: Int

    /// "Due today" or "3 working days overdue", for the reminder's subject line.
    public var summary: String {
        switch workingDaysOverdue {
        case 0: return "Due today"
        case 1: return "1 working day overdue"
        default: return "\(workingDaysOverdue) working days overdue"
        }
    }
}
