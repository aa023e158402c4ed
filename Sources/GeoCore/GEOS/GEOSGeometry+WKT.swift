import CGEOS

extension GEOSGeometry {
    /// Reads OGC Well-Known Text ("POLYGON ((139.7 35.6, …))") with GEOS's WKT reader, so a
    /// geometry typed into a spreadsheet cell is parsed the way PostGIS and QGIS parse it.
    /// - Throws: `GEOSError.libraryError` carrying GEOS's message ("ParseException: …", or why a
    ///   ring cannot be built) when the text is not WKT.
    public convenience init(wkt text: String, context: GEOSContext) throws {
        guard let reader = GEOSWKTReader_create_r(context.handle) else {  // NULL on exception
            throw context.error("WKTReader_create")
        }
        defer { GEOSWKTReader_destroy_r(context.handle, reader) }
        let geometry = text.withCString { GEOSWKTReader_read_r(context.handle, reader, $0) }
        guard let geometry else { throw context.error("WKTReader_read") }  // NULL on exception
        self.init(context: context, owning: geometry)
    }
}
