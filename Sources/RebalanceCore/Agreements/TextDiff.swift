/// A line-by-line comparison of two texts (longest common subsequence), readable by anyone:
/// lines kept, removed and added, in order.
public struct DiffLine: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable { case same, removed, added }
    public var kind: Kind
    public var text: String
    public init(_ kind: Kind, _ text: String) { self.kind = kind; self.text = text }
}

public enum TextDiff {
    public static func lines(_ old: [String], _ new: [String]) -> [DiffLine] {
        let n = old.count, m = new.count
        // lcs[i][j]: length of the longest common subsequence of old[i...] and new[j...].
        var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = old[i] == new[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [DiffLine] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, old[i] == new[j] {
                out.append(DiffLine(.same, old[i])); i += 1; j += 1
            } else if j < m, i == n || lcs[i][j + 1] > lcs[i + 1][j] {
                out.append(DiffLine(.added, new[j])); j += 1
            } else {
                out.append(DiffLine(.removed, old[i])); i += 1
            }
        }
        return out
    }
}

/// The differences between two versions of an agreement, section by section.
public struct AgreementDiff: Sendable {
    public struct Section: Sendable {
        public var section: AgreementSection
        public var lines: [DiffLine]
        public var changed: Bool { lines.contains { $0.kind != .same } }
    }

    public var sections: [Section]

    public init(from old: AgreementContent, to new: AgreementContent) {
        sections = AgreementSection.allCases.map { s in
            Section(section: s, lines: TextDiff.lines(old.lines(of: s), new.lines(of: s)))
        }
    }

    public var changedSections: [Section] { sections.filter(\.changed) }
}
