/// The JSON members both export formats share: metadata and properties.
extension BufferedFileOutput {
    /// `"name":…,"edition":…,"attribution":[…],` — the metadata as top-level members, each
    /// followed by a comma (the caller writes the members after them).
    func metadataMembers(_ metadata: ExportMetadata) throws {
        try raw(#""name":"#)
        try string(metadata.name)
        try raw(#","edition":"#)
        try string(metadata.edition)
        try raw(#","attribution":["#)
        for (i, line) in metadata.attribution.enumerated() {
            if i > 0 { try byte(UInt8(ascii: ",")) }
            try string(line)
        }
        try raw("],")
    }

    /// `{"name":value,…}` in the given order.
    /// - Throws: `ExportFailure` for a repeated name or a number that is not finite (JSON has
    ///   neither); `ExportError` when the file cannot be written.
    func properties(_ properties: [(String, ExportValue)]) throws {
        try byte(UInt8(ascii: "{"))
        for (i, (name, value)) in properties.enumerated() {
            // Features carry a handful of properties: a quadratic check costs less than a Set.
            if properties[..<i].contains(where: { $0.0 == name }) {
                throw ExportFailure("property \(name.debugDescription) appears twice")
            }
            if i > 0 { try byte(UInt8(ascii: ",")) }
            try string(name)
            try byte(UInt8(ascii: ":"))
            switch value {
            case .string(let text):
                try string(text)
            case .number(let number):
                guard number.isFinite else { throw ExportFailure("property \(name.debugDescription) is \(number), which JSON cannot represent") }
                try self.number(number)
            case .integer(let integer):
                try self.integer(integer)
            case .null:
                try raw("null")
            }
        }
        try byte(UInt8(ascii: "}"))
    }
}
