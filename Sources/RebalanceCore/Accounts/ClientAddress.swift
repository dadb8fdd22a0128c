import Foundation

/// Which address a request comes from, for throttling: the socket's peer, unless that peer is a
/// proxy the site was told to trust, in which case the nearest address in `X-Forwarded-For`
/// that is not one of those proxies (anything further left was written by the client and could
/// be made up). IPv6 addresses are grouped by their /64, since one household or host usually
/// holds a whole /64 and could otherwise pick a fresh address for every attempt.
public enum ClientAddress {
    /// - Parameters:
    ///   - socket: the peer of the connection.
    ///   - forwardedFor: every `X-Forwarded-For` header, in order (each may list several hops).
    ///   - trustedProxies: addresses whose `X-Forwarded-For` is believed.
    public static func resolve(socket: String?, forwardedFor: [String], trustedProxies: [String]) -> String? {
        guard let socket, let peer = IPAddress(socket) else { return socket }
        let trusted = Set(trustedProxies.compactMap(IPAddress.init))
        guard trusted.contains(peer) else { return peer.description }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t")) }
        var nearest = peer
        for hop in hops.reversed() {
            // A hop that is not an address means the header was tampered with: stop at what we know.
            guard let address = IPAddress(hop) else { break }
            nearest = address
            if !trusted.contains(address) { break }
        }
        return nearest.description
    }

    /// The key the throttle counts by: an IPv4 address as it is, an IPv6 address's /64.
    public static func throttleKey(_ address: String?) -> String {
        guard let address, let ip = IPAddress(address) else { return address ?? "unknown" }
        switch ip {
        case .v4: return ip.description
        case .v6(let bytes):
            let groups = stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            return groups.joined(separator: ":") + "::/64"
        }
    }
}

/// An IPv4 or IPv6 address parsed from text (an IPv4-mapped IPv6 address counts as IPv4).
public enum IPAddress: Hashable, Sendable, CustomStringConvertible {
    case v4([UInt8])
    case v6([UInt8])

    public init?(_ raw: String) {
        var text = raw.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            text = String(text[text.index(after: text.startIndex)..<close])  // "[2001:db8::1]:443"
        } else if text.filter({ $0 == ":" }).count == 1 {
            text = String(text.split(separator: ":")[0])  // "203.0.113.5:8080"
        }
        if let percent = text.firstIndex(of: "%") { text = String(text[..<percent]) }  // a zone: "fe80::1%eth0"
        if let v4 = Self.parseV4(text) {
            self = .v4(v4)
        } else if let v6 = Self.parseV6(text) {
            if v6[0..<10].allSatisfy({ $0 == 0 }), v6[10] == 0xff, v6[11] == 0xff {
                self = .v4(Array(v6[12..<16]))
            } else {
                self = .v6(v6)
            }
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .v4(let b): return b.map(String.init).joined(separator: ".")
        case .v6(let b):
            return stride(from: 0, to: 16, by: 2).map { String(UInt16(b[$0]) << 8 | UInt16(b[$0 + 1]), radix: 16) }.joined(separator: ":")
        }
    }

    static func parseV4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }), let n = UInt8(part) else { return nil }
            bytes.append(n)
        }
        return bytes
    }

    static func parseV6(_ text: String) -> [UInt8]? {
        guard text.contains(":"), text.count <= 45 else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ s: String) -> [UInt8]? {
            if s.isEmpty { return [] }
            var bytes: [UInt8] = []
            let parts = s.split(separator: ":", omittingEmptySubsequences: false)
            for (i, part) in parts.enumerated() {
                if i == parts.count - 1, part.contains("."), let v4 = parseV4(String(part)) {
                    bytes += v4
                    continue
                }
                guard !part.isEmpty, part.count <= 4, let n = UInt16(part, radix: 16) else { return nil }
                bytes += [UInt8(n >> 8), UInt8(n & 0xff)]
            }
            return bytes
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count <= 14 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}

/// Where to go after signing in: only a path on this site. Anything else (another host, a
/// scheme, a path a browser would read as another host, hidden characters) gives the fallback.
public enum LocalRedirect {
    public static func path(_ raw: String?, fallback: String = "/") -> String {
        guard let raw, raw.count <= 2000 else { return fallback }
        let scalars = Array(raw.unicodeScalars)
        guard scalars.first == "/" else { return fallback }
        if scalars.count > 1, scalars[1] == "/" || scalars[1] == "\\" { return fallback }
        for s in scalars {
            // Browsers drop tabs and newlines from URLs and read "\" as "/", so "/<TAB>/evil.example"
            // would become "//evil.example": refuse every control, space and backslash.
            if s.properties.generalCategory == .control || s.properties.isWhitespace || s == "\\"
                || s.properties.generalCategory == .format || s.properties.generalCategory == .lineSeparator
                || s.properties.generalCategory == .paragraphSeparator {
                return fallback
            }
        }
        return raw
    }
}
