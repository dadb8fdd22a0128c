/// A field of a PATCH body: left out (keep the current value), null (clear it), or a new value.
enum Patch<T: Decodable>: Decodable {
    case absent
    case null
    case value(T)

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        self = c.decodeNil() ? .null : .value(try c.decode(T.self))
    }

    func merged(over current: T?) -> T? {
        switch self {
        case .absent: return current
        case .null: return nil
        case .value(let v): return v
        }
    }
}

extension KeyedDecodingContainer {
    func decode<T>(_ type: Patch<T>.Type, forKey key: Key) throws -> Patch<T> {
        // decodeIfPresent would read null as absent; the difference matters here.
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .null }
        return .value(try decode(T.self, forKey: key))
    }
}

/// An optional written as JSON `null` rather than left out, so every key the OpenAPI document
/// promises is present in every answer.
struct OrNull<Wrapped: Encodable>: Encodable {
    let value: Wrapped?
    init(_ value: Wrapped?) { self.value = value }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let value { try c.encode(value) } else { try c.encodeNil() }
    }
}
