import Foundation

/// A JSON value as a spec file holds it. Decoded strictly — `true` is not a number and `1` is not
/// a boolean — so that the parser can say exactly which key has the wrong type.
enum SpecJSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([SpecJSONValue])
    case object([String: SpecJSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([SpecJSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: SpecJSONValue].self))
        }
    }

    /// What the value is, for error messages.
    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
