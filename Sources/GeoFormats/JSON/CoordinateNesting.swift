import GeoCore

/// A parsed `coordinates` value whose depth was found from the data, because the geometry's
/// `type` member may come after it. The geometry readers check it against the type.
enum CoordinateNesting {
    /// `[]`
    case empty
    /// `[x, y]`
    case position(Coordinate)
    /// `[[x, y], …]`
    case positions([Coordinate])
    /// `[[[x, y], …], …]`
    case lines([[Coordinate]])
    /// `[[[[x, y], …], …], …]`
    case polygons([[[Coordinate]]])
    /// `[[], …]`: a list of `count` empty lists, whose depth cannot be told.
    case emptyLists(count: Int)

    /// How the value looks, for error messages.
    var shapeDescription: String {
        switch self {
        case .empty: "an empty array"
        case .position: "a single position"
        case .positions: "an array of positions"
        case .lines: "an array of arrays of positions"
        case .polygons: "an array of polygons (four levels of arrays)"
        case .emptyLists: "an array of empty arrays"
        }
    }
}

extension JSONScanner {
    /// Reads a `coordinates` array of any depth up to MultiPolygon's. After its first element
    /// fixes the depth, the rest is read by the specialised loops below (the hot path).
    mutating func readCoordinates() throws(ParseFailure) -> CoordinateNesting {
        try expect(UInt8(ascii: "["), "an array of coordinates")
        var byte = try peek()
        if byte == UInt8(ascii: "]") {
            advance()
            return .empty
        }
        if JSONScanner.isNumberStart(byte) {
            return .position(try readPositionNumbers())
        }
        guard byte == UInt8(ascii: "[") else { throw coordinateFailure(expecting: "a number or an array") }

        var leadingEmptyLists = 0
        while true {
            let first = try readCoordinates()
            switch first {
            case .empty:
                leadingEmptyLists += 1
                guard try commaOrEnd(UInt8(ascii: "]")) else { return .emptyLists(count: leadingEmptyLists) }
                byte = try peek()
                guard byte == UInt8(ascii: "[") else { throw coordinateFailure(expecting: "an array") }
                continue
            case .position(let coordinate):
                guard leadingEmptyLists == 0 else {
                    throw failure("invalid coordinates: an empty array where a position [x, y] belongs")
                }
                var positions = [coordinate]
                while try commaOrEnd(UInt8(ascii: "]")) {
                    positions.append(try readPosition())
                }
                return .positions(positions)
            case .positions(let first):
                var lines = Array(repeating: [Coordinate](), count: leadingEmptyLists)
                lines.append(first)
                while try commaOrEnd(UInt8(ascii: "]")) {
                    lines.append(try readPositionList())
                }
                return .lines(lines)
            case .lines(let first):
                return .polygons(try readPolygonList(leadingEmpty: leadingEmptyLists, first: first))
            case .emptyLists(let count):
                let first = Array(repeating: [Coordinate](), count: count)
                return .polygons(try readPolygonList(leadingEmpty: leadingEmptyLists, first: first))
            case .polygons:
                throw failure("invalid coordinates: nested deeper than a MultiPolygon's")
            }
        }
    }

    private mutating func readPolygonList(leadingEmpty: Int, first: [[Coordinate]]) throws(ParseFailure) -> [[[Coordinate]]] {
        var polygons = Array(repeating: [[Coordinate]](), count: leadingEmpty)
        polygons.append(first)
        while try commaOrEnd(UInt8(ascii: "]")) {
            polygons.append(try readLineList())
        }
        return polygons
    }

    /// Reads `[[[x, y], …], …]` (rings of a polygon, lines of a MultiLineString, TopoJSON arcs).
    mutating func readLineList() throws(ParseFailure) -> [[Coordinate]] {
        guard try peek() == UInt8(ascii: "[") else { throw coordinateFailure(expecting: "an array of arrays of positions") }
        advance()
        var lines: [[Coordinate]] = []
        guard try !consume(UInt8(ascii: "]")) else { return lines }
        repeat {
            lines.append(try readPositionList())
        } while try commaOrEnd(UInt8(ascii: "]"))
        return lines
    }

    /// Reads `[[x, y], …]`: the hot loop of the streaming reader.
    mutating func readPositionList() throws(ParseFailure) -> [Coordinate] {
        guard try peek() == UInt8(ascii: "[") else { throw coordinateFailure(expecting: "an array of positions") }
        advance()
        var positions: [Coordinate] = []
        guard try !consume(UInt8(ascii: "]")) else { return positions }
        repeat {
            positions.append(try readPosition())
        } while try commaOrEnd(UInt8(ascii: "]"))
        return positions
    }

    /// Reads `[x, y]` or `[x, y, z, …]` (further ordinates are read and dropped).
    @inline(__always)
    mutating func readPosition() throws(ParseFailure) -> Coordinate {
        guard try peek() == UInt8(ascii: "[") else { throw coordinateFailure(expecting: "a position [x, y]") }
        advance()
        return try readPositionNumbers()
    }

    /// Reads the numbers of a position after its opening bracket, through the closing one.
    @inline(__always)
    private mutating func readPositionNumbers() throws(ParseFailure) -> Coordinate {
        guard JSONScanner.isNumberStart(try peek()) else { throw positionFailure(numbersRead: 0) }
        let x = try readNumber()
        guard try peek() == UInt8(ascii: ",") else { throw positionFailure(numbersRead: 1) }
        advance()
        guard JSONScanner.isNumberStart(try peek()) else { throw positionFailure(numbersRead: 1) }
        let y = try readNumber()
        var byte = try peek()
        while byte == UInt8(ascii: ",") {
            advance()
            guard JSONScanner.isNumberStart(try peek()) else { throw positionFailure(numbersRead: 2) }
            _ = try readNumber()
            byte = try peek()
        }
        guard byte == UInt8(ascii: "]") else { throw unexpected(expecting: "',' or ']' in a position") }
        advance()
        guard x.isFinite && y.isFinite else { throw failure("invalid coordinates: number out of range in position [\(x), \(y)]") }
        return Coordinate(x: x, y: y)
    }

    private func positionFailure(numbersRead: Int) -> ParseFailure {
        guard let byte = currentByte else { return unexpected(expecting: "a number") }
        if byte == UInt8(ascii: "]") && numbersRead < 2 {
            return failure("invalid coordinates: a position needs at least 2 numbers, found \(numbersRead)")
        }
        if let kind = JSONScanner.valueKind(startingWith: byte), kind != "a number" {
            return failure("invalid coordinates: a position must hold numbers, found \(kind)")
        }
        return unexpected(expecting: "a number in a position")
    }

    private func coordinateFailure(expecting expectation: String) -> ParseFailure {
        guard let byte = currentByte, let kind = JSONScanner.valueKind(startingWith: byte) else {
            return unexpected(expecting: expectation)
        }
        return failure("invalid coordinates: expected \(expectation), found \(kind)")
    }
}
