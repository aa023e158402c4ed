import GeoCore

/// Why a blob is not a GeoPackage geometry blob the store can read.
public struct GeoPackageBinaryError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

/// GeoPackage geometry blobs (OGC 12-128r18 §2.1.3 "GeoPackageBinary"): the bytes "GP", version 0,
/// a flags byte, the srs_id as int32, an optional envelope, then standard WKB.
///
/// Flags, bit 0 first: B = byte order of the header (1 little endian), E (bits 1–3) = envelope
/// contents (0 none, 1 [minx, maxx, miny, maxy], 2 + z, 3 + m, 4 + z + m), Y (bit 4) = empty
/// geometry, X (bit 5) = extended GeoPackageBinary (not supported here).
public enum GeoPackageBinary {
    /// The WGS 84 lon/lat srs_id every boundary layer uses.
    public static let wgs84: Int32 = 4326

    /// Size of the header written for a non-empty geometry: 8 bytes + 4 doubles of envelope.
    public static let headerSizeWithEnvelope = 8 + 32
    /// Size of the header written for an empty geometry (no envelope).
    public static let headerSizeWithoutEnvelope = 8

    /// What the header of a blob says.
    public struct Header: Sendable, Equatable {
        public var isEmpty: Bool
        public var srsID: Int32
        /// The XY envelope when the header carries one.
        public var envelope: BoundingBox?
        /// Where the WKB starts.
        public var wkbOffset: Int
    }

    /// Encodes `geometry` with a little-endian header and an XY envelope, or, when the geometry
    /// has no coordinates, with the empty flag set and no envelope.
    public static func encode(_ geometry: Geometry, srsID: Int32 = wgs84) -> [UInt8] {
        encode(geometry, envelope: geometry.boundingBox, srsID: srsID)
    }

    /// Encodes `geometry` with an envelope the caller already computed (`BoundingBox.empty`
    /// for an empty geometry), so a large geometry is traversed once for the envelope and once
    /// for the WKB.
    public static func encode(_ geometry: Geometry, envelope: BoundingBox, srsID: Int32 = wgs84) -> [UInt8] {
        let total = encodedSize(geometry, envelope: envelope)
        return [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            initialized = encode(geometry, envelope: envelope, srsID: srsID, into: UnsafeMutableRawBufferPointer(buffer))
        }
    }

    /// The size of the blob `encode` makes.
    public static func encodedSize(_ geometry: Geometry, envelope: BoundingBox) -> Int {
        (envelope.isEmpty ? headerSizeWithoutEnvelope : headerSizeWithEnvelope) + geometry.wkbByteCount
    }

    /// Encodes into `raw` (at least `encodedSize` bytes) and returns the bytes written: bulk
    /// writers reuse one buffer instead of allocating (and page-faulting) a blob per feature.
    @discardableResult
    public static func encode(_ geometry: Geometry, envelope: BoundingBox, srsID: Int32 = wgs84,
                              into raw: UnsafeMutableRawBufferPointer) -> Int {
        let empty = envelope.isEmpty
        let headerSize = empty ? headerSizeWithoutEnvelope : headerSizeWithEnvelope
        do {
            let base = raw.baseAddress!
            base.storeBytes(of: 0x47, toByteOffset: 0, as: UInt8.self)  // "G"
            base.storeBytes(of: 0x50, toByteOffset: 1, as: UInt8.self)  // "P"
            base.storeBytes(of: 0, toByteOffset: 2, as: UInt8.self)     // version 0 = GeoPackage 1.x
            // B = 1 (little endian); E = 1 (XY envelope) or Y = 1 (empty, no envelope).
            let flags: UInt8 = empty ? 0b0001_0001 : 0b0000_0011
            base.storeBytes(of: flags, toByteOffset: 3, as: UInt8.self)
            base.storeBytes(of: srsID.littleEndian, toByteOffset: 4, as: Int32.self)
            if !empty {
                for (i, value) in [envelope.minX, envelope.maxX, envelope.minY, envelope.maxY].enumerated() {
                    base.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: 8 + 8 * i, as: UInt64.self)
                }
            }
            let written = geometry.writeWKB(to: UnsafeMutableRawBufferPointer(rebasing: raw[headerSize...]))
            return headerSize + written
        }
    }

    /// Reads the header of a GeoPackage geometry blob.
    /// - Throws: `GeoPackageBinaryError` when the magic, version, flags or length are wrong.
    public static func header(of blob: UnsafeRawBufferPointer) throws -> Header {
        guard blob.count >= 8 else {
            throw GeoPackageBinaryError(reason: "blob of \(blob.count) bytes is shorter than a GeoPackage header")
        }
        guard blob[0] == 0x47, blob[1] == 0x50 else {
            throw GeoPackageBinaryError(reason: "blob does not start with \"GP\"")
        }
        guard blob[2] == 0 else {
            throw GeoPackageBinaryError(reason: "GeoPackage binary version \(blob[2]) is not 0")
        }
        let flags = blob[3]
        guard flags & 0b0010_0000 == 0 else {
            throw GeoPackageBinaryError(reason: "extended GeoPackage binary geometries are not supported")
        }
        let littleEndian = flags & 1 == 1
        let envelopeKind = Int((flags >> 1) & 0b111)
        let envelopeDoubles: Int
        switch envelopeKind {
        case 0: envelopeDoubles = 0
        case 1: envelopeDoubles = 4
        case 2, 3: envelopeDoubles = 6
        case 4: envelopeDoubles = 8
        default: throw GeoPackageBinaryError(reason: "envelope contents indicator \(envelopeKind) is invalid")
        }
        let wkbOffset = 8 + 8 * envelopeDoubles
        guard blob.count >= wkbOffset else {
            throw GeoPackageBinaryError(reason: "blob of \(blob.count) bytes is shorter than its \(wkbOffset)-byte header")
        }
        func int32(_ offset: Int) -> Int32 {
            let raw = blob.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            return littleEndian ? Int32(littleEndian: raw) : Int32(bigEndian: raw)
        }
        func double(_ offset: Int) -> Double {
            let raw = blob.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            return Double(bitPattern: littleEndian ? UInt64(littleEndian: raw) : UInt64(bigEndian: raw))
        }
        var envelope: BoundingBox?
        if envelopeDoubles > 0 {
            // Always [minx, maxx, miny, maxy] first; z and m ranges follow and are not needed.
            let box = BoundingBox(minX: double(8), minY: double(24), maxX: double(16), maxY: double(32))
            // An empty geometry may carry a NaN envelope; treat that as no envelope.
            if !(box.minX.isNaN || box.maxX.isNaN || box.minY.isNaN || box.maxY.isNaN) {
                envelope = box
            }
        }
        return Header(isEmpty: flags & 0b0001_0000 != 0, srsID: int32(4), envelope: envelope, wkbOffset: wkbOffset)
    }

    /// Decodes a GeoPackage geometry blob.
    /// - Throws: `GeoPackageBinaryError` for a bad header, `WKBError` for bad WKB.
    public static func decode(_ blob: UnsafeRawBufferPointer) throws -> (geometry: Geometry, srsID: Int32) {
        let h = try header(of: blob)
        let geometry = try Geometry(wkb: UnsafeRawBufferPointer(rebasing: blob[h.wkbOffset...]))
        return (geometry, h.srsID)
    }

    /// Decodes a GeoPackage geometry blob; see `decode(_: UnsafeRawBufferPointer)`.
    public static func decode(_ blob: [UInt8]) throws -> (geometry: Geometry, srsID: Int32) {
        try blob.withUnsafeBytes { try decode($0) }
    }

    /// Whether the blob holds an empty geometry: the header's empty flag, or (for writers that do
    /// not set it) a WKB without coordinates.
    /// - Throws: `GeoPackageBinaryError` or `WKBError` when the blob cannot be read.
    public static func isEmpty(_ blob: UnsafeRawBufferPointer) throws -> Bool {
        let h = try header(of: blob)
        if h.isEmpty { return true }
        if h.envelope != nil { return false }
        return try decode(blob).geometry.isEmpty
    }

    /// The XY envelope: from the header when it has one, else computed from the WKB; nil for an
    /// empty geometry.
    /// - Throws: `GeoPackageBinaryError` or `WKBError` when the blob cannot be read.
    public static func envelope(of blob: UnsafeRawBufferPointer) throws -> BoundingBox? {
        let h = try header(of: blob)
        if h.isEmpty { return nil }
        if let envelope = h.envelope { return envelope }
        let box = try decode(blob).geometry.boundingBox
        return box.isEmpty ? nil : box
    }
}
