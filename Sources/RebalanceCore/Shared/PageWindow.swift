/// Which slice of a list one page is: `page` counts from 1, `per` items each.
///
/// Both numbers come from a URL, so they are bounded here, once, before anything multiplies
/// them: Swift stops the whole process on an overflowing `Int` multiplication, and
/// `(page - 1) * per` with `page=1000000000000000000` overflowed. With the limits below the
/// largest offset is 10^8, far inside `Int` (and inside PostgreSQL's `OFFSET`).
public struct PageWindow: Hashable, Sendable {
    /// The highest page anyone may ask for: a million pages of 100 is more than any list here holds.
    public static let maxPage = 1_000_000
    /// The most items on one page.
    public static let maxPer = 100

    public let page: Int
    public let per: Int

    /// Nil unless `1 <= page <= maxPage` and `1 <= per <= maxPer`.
    public init?(page: Int, per: Int) {
        guard (1...Self.maxPage).contains(page), (1...Self.maxPer).contains(per) else { return nil }
        self.page = page
        self.per = per
    }

    /// Reads `page` and `per` as a URL gives them (text or absent), reporting each problem
    /// against its field; `defaultPer` is used when `per` is absent.
    public static func parse(page rawPage: String?, per rawPer: String?, defaultPer: Int) throws -> PageWindow {
        var errors = FieldErrorList()
        let page = rawPage.map { Int($0) } ?? 1
        let per = rawPer.map { Int($0) } ?? min(max(defaultPer, 1), maxPer)
        if page == nil || !(1...maxPage).contains(page!) {
            errors.add("page", "page must be a whole number from 1 to \(maxPage)")
        }
        if per == nil || !(1...maxPer).contains(per!) {
            errors.add("per", "per must be a whole number from 1 to \(maxPer)")
        }
        try errors.throwIfAny()
        return PageWindow(page: page!, per: per!)!
    }

    /// How many items come before this page.
    public var offset: Int { (page - 1) * per }

    /// The positions this page covers, for a database query's range.
    public var range: Range<Int> { offset..<(offset + per) }

    /// This page of a list already in memory (empty past its end).
    public func slice<C: Collection>(of items: C) -> [C.Element] {
        Array(items.dropFirst(offset).prefix(per))
    }

    /// How many pages a list of `total` items fills (at least one, so an empty list has a page 1).
    public func pages(of total: Int) -> Int {
        max(1, total / per + (total % per == 0 ? 0 : 1))
    }

    /// The range a store query takes for `page` and `per` given by a caller that may not have
    /// checked them: out-of-bounds values are brought inside rather than overflowing.
    public static func clampedRange(page: Int, per: Int) -> Range<Int> {
        let window = PageWindow(page: min(max(page, 1), maxPage), per: min(max(per, 1), maxPer))!
        return window.range
    }
}
