import Foundation

/// One problem with one field of a form or API body, worded for the person who typed it.
public struct FieldError: Error, Equatable, Sendable, Codable {
    public var field: String
    public var message: String
    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }
}

/// Thrown by a use case when its input is wrong; nothing has been written when it is thrown.
public struct ValidationFailure: Error, Equatable, Sendable {
    public var errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
    public init(_ field: String, _ message: String) { self.errors = [FieldError(field, message)] }

    public func message(for field: String) -> String? {
        errors.first { $0.field == field }?.message
    }
}

/// Collects errors while a draft is checked, so every problem is reported at once.
public struct FieldErrorList: Sendable {
    public private(set) var errors: [FieldError] = []
    public init() {}
    public mutating func add(_ field: String, _ message: String) {
        // Only the first problem per field is worth showing; the rest follow once it is fixed.
        guard !errors.contains(where: { $0.field == field }) else { return }
        errors.append(FieldError(field, message))
    }
    public var isEmpty: Bool { errors.isEmpty }
    public func throwIfAny() throws {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}

/// Someone saved a record that changed since they loaded it.
public struct VersionConflict: Error, Equatable, Sendable {
    public var entity: String
    public init(entity: String) { self.entity = entity }
    public var message: String {
        "Someone else changed this \(entity) while you were editing it. Your changes have not been saved: check the current version below and make them again."
    }
}

/// A named record that does not exist (an unknown id or slug in a form or a URL).
public struct NotFound: Error, Equatable, Sendable {
    public var entity: String
    public init(_ entity: String) { self.entity = entity }
}
