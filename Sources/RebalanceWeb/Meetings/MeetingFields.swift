import Foundation
import RebalanceCore
import RebalanceStore

/// The fields of the meeting forms, shared by the pages that show them.
enum MeetingFields {
    static let schedule: [FieldView] = [
        .select("kind", "Kind of meeting", options: MeetingKind.allCases.map { .init(value: $0.rawValue, label: $0.label) }),
        .text("title", "Title", hint: "For example, Fernhill partnership meeting"),
        .text("location", "Place", hint: "Where it is held, or how to join online"),
        .textarea("description", "About the meeting", hint: "Optional: who it is for and what to bring"),
        .date("startsOn", "Date", hint: "For a repeating meeting, the date of the first one. For example, 27 March 2027"),
        .checkbox("alreadyHappened", "This meeting has already happened",
                  hint: "Tick to record a past meeting, for example to add its minutes. Nobody is sent a notice of it", checked: false),
        .text("startTime", "Start time", hint: "For example 7pm or 19:00", width: "narrow"),
        .text("endTime", "End time", hint: "For example 9pm or 21:00", width: "narrow"),
        .select("repeats", "Repeats", options: MeetingDraft.Repeats.allCases.map { .init(value: $0.rawValue, label: $0.label) }),
        .number("interval", "Every how many weeks or months", hint: "Leave blank for every week or every month").inGroup("repeat-field"),
        .select("weekday", "Day of the week", hint: "For weekly and monthly-on-a-weekday meetings; leave blank for the first date's day",
                options: DayOfWeek.allCases.map { .init(value: String(describing: $0), label: $0.label) }, blank: "Same as the first date").inGroup("repeat-field"),
        .select("weekOfMonth", "Which week of the month", hint: "For monthly-on-a-weekday meetings",
                options: WeekOfMonth.allCases.map { .init(value: $0.rawValue, label: $0.rawValue.capitalized) }, blank: "Not monthly on a weekday").inGroup("repeat-field"),
        .number("dayOfMonth", "Day of the month", hint: "For monthly-on-a-date meetings; leave blank for the first date's day").inGroup("repeat-field"),
        .date("until", "Last date", hint: "Optional: when the series ends, for example 31 July 2027").inGroup("repeat-field"),
        .number("count", "Number of meetings", hint: "Optional, instead of a last date").inGroup("repeat-field"),
    ]

    static let agenda: [FieldView] = [
        .text("title", "Agenda item"),
        .textarea("detail", "Detail", hint: "Optional: papers, questions, what a decision is needed on"),
        .text("lead", "Who leads it", hint: "Optional, for example Chair or Beth (council)"),
    ]

    static func minutes(people: [PersonRecord]) -> [FieldView] {
        let options = people.map { FieldView.Option(value: $0.id!.uuidString, label: $0.name) }
        return [
            .checkboxes("attended", "Who came", options: options, checked: []),
            .checkboxes("apologies", "Apologies sent", options: options, checked: []),
            .textarea("decisions", "Decisions", hint: "What was agreed, and by whom"),
            .textarea("wentWell", "What went well", hint: "Successes since the last meeting, on both sides"),
            .textarea("wentBadly", "What did not go well, and what we learn",
                      hint: "Dialogue is honest about failures as well as successes (\u{201C}Rebalancing the Power\u{201D}, principle 3)"),
            .textarea("notes", "Other notes"),
            .checkbox("publish", "Publish these minutes", hint: "Published minutes are public and go to the partnership's contacts; leave unticked to keep a draft", checked: false),
        ]
    }

    // A rhythm's pattern written back as the meeting form's values.
    static func repeats(of p: RecurrencePattern) -> String {
        switch p {
        case .weekly: return MeetingDraft.Repeats.weekly.rawValue
        case .monthlyOnWeekday: return MeetingDraft.Repeats.monthlyOnWeekday.rawValue
        case .monthlyOnDay: return MeetingDraft.Repeats.monthlyOnDay.rawValue
        }
    }

    static func interval(of p: RecurrencePattern) -> String {
        switch p {
        case .weekly(let n, _), .monthlyOnWeekday(_, _, let n), .monthlyOnDay(_, let n): return String(n)
        }
    }

    static func weekday(of p: RecurrencePattern) -> String? {
        switch p {
        case .weekly(_, let d), .monthlyOnWeekday(_, let d, _): return String(describing: d)
        case .monthlyOnDay: return nil
        }
    }

    static func weekOfMonth(of p: RecurrencePattern) -> String? {
        if case .monthlyOnWeekday(let w, _, _) = p { return w.rawValue }
        return nil
    }

    static func dayOfMonth(of p: RecurrencePattern) -> String? {
        if case .monthlyOnDay(let d, _) = p { return String(d) }
        return nil
    }
}
