import Foundation
import Ink
import RebalanceCore

/// Markdown from partnership members turned into HTML that cannot carry script: raw HTML blocks
/// are shown as text, links keep only web, mail and same-site addresses, and images become
/// their description (a post should not make readers' browsers fetch from elsewhere).
/// Ink lets a few things through as raw HTML all the same (an entity-like run such as `&<meta …>;`,
/// a fenced block's language), so the finished HTML also goes through an allow-list.
enum SafeMarkdown {
    static func html(_ markdown: String) -> String {
        var parser = MarkdownParser()
        parser.addModifier(Modifier(target: .html) { input in escape(String(input.markdown)) })
        parser.addModifier(Modifier(target: .links) { input in safeLink(input.html) })
        parser.addModifier(Modifier(target: .images) { input in
            let alt = input.markdown.dropFirst(2).prefix { $0 != "]" }
            return escape(String(alt))
        })
        // The page's own title is its only h1: a post's headings start at h2.
        parser.addModifier(Modifier(target: .headings) { input in demote(input.html) })
        return HTMLAllowList.markdown.clean(parser.html(from: markdown))
    }

    static func demote(_ html: String) -> String {
        guard html.hasPrefix("<h"), let level = html.dropFirst(2).first?.wholeNumberValue, (1...6).contains(level) else { return html }
        let to = min(level + 1, 6)
        return "<h\(to)" + html.dropFirst(3).dropLast(5) + "</h\(to)>"
    }

    /// Ink writes `<a href="URL">TEXT</a>`, with TEXT already escaped (so it holds no `">`) and
    /// URL exactly as typed; the URL is checked and escaped here.
    static func safeLink(_ html: String) -> String {
        let open = "<a href=\""
        guard html.hasPrefix(open), html.hasSuffix("</a>"), let end = html.range(of: "\">", options: .backwards) else {
            return escape(html)
        }
        let url = String(html[html.index(html.startIndex, offsetBy: open.count)..<end.lowerBound])
        let text = String(html[end.upperBound..<html.index(html.endIndex, offsetBy: -4)])
        guard isAllowed(url) else { return text }
        return "<a href=\"\(escape(url))\" rel=\"nofollow\">\(text)</a>"
    }

    static func isAllowed(_ url: String) -> Bool {
        let u = url.trimmingCharacters(in: .whitespaces).lowercased()
        if u.hasPrefix("//") { return false }
        return ["http://", "https://", "mailto:", "/", "#"].contains { u.hasPrefix($0) }
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
