import LeafKit

/// `#if(has(x)):` is true when `x` holds something: not missing or null, not an empty list,
/// text or dictionary, and not `false`. Leaf's own `#if(x)` treats every value that is not a
/// boolean as true, so an empty list of errors would still show the error summary.
struct HasTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        try ctx.requireParameterCount(1)
        let value = ctx.parameters[0]
        if value.isNil { return .bool(false) }
        switch value.celf {
        case .bool: return .bool(value.bool ?? false)
        case .array: return .bool(!(value.array ?? []).isEmpty)
        case .dictionary: return .bool(!(value.dictionary ?? [:]).isEmpty)
        case .string: return .bool(!(value.string ?? "").isEmpty)
        default: return .bool(true)
        }
    }
}
