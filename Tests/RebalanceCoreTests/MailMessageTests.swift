import Foundation
import Testing
@testable import RebalanceCore

@Suite struct MailMessageTests {
    let date = Date(timeIntervalSince1970: 1_795_000_000)

    func message(subject: String = "Fernhill news", text: String = "Hello") -> MailMessage {
        MailMessage(from: .init(name: "Rebalance", email: "noreply@rebalance.example"),
                    to: .init(name: "Zoë O'Neill", email: "zoe@example.org"),
                    subject: subject, text: text, date: date, messageID: "abc@rebalance",
                    extraHeaders: [("List-Unsubscribe", "<https://rebalance.example/unsubscribe?token=x>")])
    }

    @Test func headersAreASCIIAndEncodedWhereNeeded() {
        let raw = message(subject: "Café meeting – 7pm").rendered()
        #expect(raw.contains("\r\nSubject: =?utf-8?B?"))
        #expect(raw.contains("To: =?utf-8?B?"))
        #expect(raw.contains("From: \"Rebalance\" <noreply@rebalance.example>"))
        #expect(raw.contains("Message-ID: <abc@rebalance>"))
        #expect(raw.contains("Date: Wed, 18 Nov 2026"))
        let head = raw.components(separatedBy: "\r\n\r\n")[0]
        #expect(head.unicodeScalars.allSatisfy { $0.isASCII })
        // The encoded subject decodes back to the original.
        let word = head.components(separatedBy: "Subject: ")[1].components(separatedBy: "\r\n")[0]
        let decoded = word.split(separator: " ").map { part -> String in
            let b64 = part.dropFirst("=?utf-8?B?".count).dropLast(2)
            return String(decoding: Data(base64Encoded: String(b64))!, as: UTF8.self)
        }.joined()
        #expect(decoded == "Café meeting – 7pm")
    }

    @Test func longHeadersFoldAtSpacesButNeverRightAfterTheName() {
        let link = "<https://rebalance.example/unsubscribe?token=" + String(repeating: "a", count: 90) + ">"
        #expect(MailFormat.foldHeader("List-Unsubscribe: " + link) == "List-Unsubscribe: " + link)
        let subject = "Subject: " + Array(repeating: "partnership", count: 12).joined(separator: " ")
        let folded = MailFormat.foldHeader(subject)
        let lines = folded.components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        for line in lines { #expect(line.count <= 78) }
        for line in lines.dropFirst() { #expect(line.hasPrefix(" ")) }
        #expect(folded.replacingOccurrences(of: "\r\n", with: "") == subject)
    }

    @Test func bodyIsQuotedPrintableWithShortLines() {
        let long = String(repeating: "Residents agreed the plan. ", count: 10) + "£1.1m = a lot"
        let raw = message(text: long + "\ntrailing space ").rendered()
        let body = raw.components(separatedBy: "\r\n\r\n")[1]
        for line in body.components(separatedBy: "\r\n") { #expect(line.count <= 76) }
        #expect(body.contains("=C2=A31.1m =3D a lot"))
        #expect(body.hasSuffix("trailing space=20"))
        #expect(!raw.contains("\n") || !raw.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func retriesBackOffThenGiveUp() {
        let now = Date(timeIntervalSince1970: 0)
        #expect(DeliveryRetry.after(attempts: 1, permanent: false, now: now) == .retry(at: now.addingTimeInterval(60)))
        #expect(DeliveryRetry.after(attempts: 4, permanent: false, now: now) == .retry(at: now.addingTimeInterval(3600)))
        #expect(DeliveryRetry.after(attempts: DeliveryRetry.maximumAttempts, permanent: false, now: now) == .giveUp)
        #expect(DeliveryRetry.after(attempts: 1, permanent: true, now: now) == .giveUp)
    }
}
