// The web layer and the command line use these types alongside the store's own.
@_exported import FluentKit
