import ArgumentParser
/// Commands that live in their own files (the PB engine`s `pb` group joins here once built).
let extraCommands: [any ParsableCommand.Type] = []
