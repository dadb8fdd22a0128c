import Foundation

/// A calendar feed (RFC 5545 VCALENDAR, `METHOD:PUBLISH`) of meetings, with the VTIMEZONE for
/// Europe/London that its times refer to. Serve `text()` as `text/calendar; charset=utf-8`.
public struct ICalendarFeed: Hashable, Sendable {
    /// Shown by calendar apps as the subscribed calendar's name (`X-WR-CALNAME`).
    public var name: String
    public var description: String?
    public var events: [ICalendarEvent]
    public var productID: String

    public static let defaultProductID = "-//Rebalance//Meetings 1.0//EN"

    public init(name: String, description: String? = nil, events: [ICalendarEvent],
                productID: String = ICalendarFeed.defaultProductID) {
        self.name = name
        self.description = description
        self.events = events
        self.productID = productID
    }

    /// A feed of every meeting of these series whose day lies in the window, cancelled ones
    /// included so that subscribed apps remove them. `url` gives each meeting's page, if any.
    public static func meetings(name: String, description: String? = nil, series: [MeetingSeries],
                                from: Day, through: Day,
                                url: (MeetingSeries, MeetingOccurrence) -> String? = { _, _ in nil }) -> ICalendarFeed {
        var events: [(Date, ICalendarEvent)] = []
        for s in series {
            for o in s.occurrences(from: from, through: through) {
                events.append((o.start, ICalendarEvent(series: s, occurrence: o, url: url(s, o))))
            }
        }
        events.sort { ($0.0, $0.1.uid) < ($1.0, $1.1.uid) }
        return ICalendarFeed(name: name, description: description, events: events.map(\.1))
    }

    /// The whole feed: CRLF line endings, folded at 75 octets, ending with a CRLF.
    /// `generatedAt` is written as every event's DTSTAMP (for a published feed, RFC 5545 says
    /// DTSTAMP is when the calendar object was created); pass the request time.
    public func text(generatedAt: Date) -> String {
        var lines: [String] = []
        func add(_ name: String, _ value: String) { lines.append("\(name):\(value)") }
        func addText(_ name: String, _ value: String?) {
            if let value { lines.append("\(name):\(ICalendarText.escape(value))") }
        }
        add("BEGIN", "VCALENDAR")
        add("VERSION", "2.0")
        addText("PRODID", productID)
        add("CALSCALE", "GREGORIAN")
        add("METHOD", "PUBLISH")
        // RFC 7986 NAME and DESCRIPTION, and the older X-WR- pair that Apple, Google and
        // Outlook read; all four are TEXT, so all four are escaped.
        addText("NAME", name)
        addText("DESCRIPTION", description)
        addText("X-WR-CALNAME", name)
        addText("X-WR-CALDESC", description)
        add("X-WR-TIMEZONE", LondonTime.timeZoneID)
        // Ask subscribers to refresh hourly; Google ignores it, Apple and Outlook follow it.
        lines.append("REFRESH-INTERVAL;VALUE=DURATION:PT1H")
        add("X-PUBLISHED-TTL", "PT1H")
        lines += Self.londonTimeZone
        let stamp = Self.utcStamp(generatedAt)
        for event in events {
            add("BEGIN", "VEVENT")
            addText("UID", event.uid)
            add("DTSTAMP", stamp)
            lines.append("DTSTART;TZID=\(LondonTime.timeZoneID):\(event.startDay.compact)T\(Self.clock(event.startTime))")
            lines.append("DTEND;TZID=\(LondonTime.timeZoneID):\(event.endDay.compact)T\(Self.clock(event.endTime))")
            add("SEQUENCE", String(event.sequence))
            add("STATUS", event.status.rawValue)
            addText("SUMMARY", event.summary)
            addText("LOCATION", event.location)
            addText("DESCRIPTION", event.description)
            if let url = event.url, let clean = Self.uri(url) { lines.append("URL;VALUE=URI:\(clean)") }
            add("TRANSP", event.status == .cancelled ? "TRANSPARENT" : "OPAQUE")
            add("END", "VEVENT")
        }
        add("END", "VCALENDAR")
        return lines.map(ICalendarText.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// Europe/London as RFC 5545 wants it: summer time from 01:00 GMT on the last Sunday in
    /// March, back to GMT at 02:00 BST on the last Sunday in October (the rule in `LondonTime`).
    /// DTSTART of each part is in the local time in force before the change, and is the first
    /// day the rule applied.
    static let londonTimeZone: [String] = [
        "BEGIN:VTIMEZONE",
        "TZID:\(LondonTime.timeZoneID)",
        "X-LIC-LOCATION:\(LondonTime.timeZoneID)",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0100",
        "TZNAME:BST",
        "DTSTART:19810329T010000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0000",
        "TZNAME:GMT",
        "DTSTART:19961027T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]

    static func clock(_ t: TimeOfDay) -> String { String(format: "%02d%02d00", t.hour, t.minute) }

    static func utcStamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let dayOrdinal = Int((Double(seconds) / 86400).rounded(.down))
        let rest = seconds - dayOrdinal * 86400
        return Day(ordinal: dayOrdinal).compact + String(format: "T%02d%02d%02dZ", rest / 3600, rest / 60 % 60, rest % 60)
    }

    /// Only absolute http(s) addresses without spaces or control characters go out as URL;
    /// anything else would make the line invalid, so it is left out.
    static func uri(_ raw: String) -> String? {
        let t = raw.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("https://") || t.hasPrefix("http://"),
              !t.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\"" }) else { return nil }
        return t
    }
}
