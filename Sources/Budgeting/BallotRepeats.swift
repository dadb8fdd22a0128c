extension Array where Element == Int32 {
    /// Whether some element appears twice; ballots are short, so pairs are compared directly.
    var hasRepeats: Bool {
        if count > 32 { return Set(self).count != count }
        for i in indices {
            for j in (i + 1)..<count where self[i] == self[j] { return true }
        }
        return false
    }
}
