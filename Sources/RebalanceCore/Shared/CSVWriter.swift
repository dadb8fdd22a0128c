/// RFC 4180 CSV: comma-separated cells, CRLF line ends, cells quoted when they hold a comma,
/// a quote, a line break or edge spaces. Text starting with `=`, `+`, `-`, `@` (or a tab or
/// carriage return) gets a leading `'`, so a spreadsheet shows it instead of running it as a
/// formula; plain numbers (a negative amount) are left as numbers.
public enum CSVWriter {
    public static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    public static func document(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map(line).joined()
    }

    static func cell(_ raw: String) -> String {
        var text = raw
        if let first = text.first, "=+-@\t\r".contains(first), Double(text) == nil { text = "'" + text }
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text != text.trimmingCharacters(in: .whitespaces)
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
