// Literal values exactly as written: numbers keep their text so decimals stay exact and the binder decides
// their type (Trino: integer → INTEGER/BIGINT, `1.5` → DECIMAL(2,1), `1e0` → DOUBLE).

public enum Literal: Hashable, Sendable {
    case null
    case boolean(Bool)
    /// Digits only, e.g. `"42"`.
    case integer(String)
    /// Digits with a point, e.g. `"4.20"`, `".5"`, `"4."`.
    case decimal(String)
    /// A number with an exponent, e.g. `"1e3"`, `"2.5E-4"`.
    case double(String)
    /// The string's value: quotes removed, `''` undone.
    case string(String)
    /// The hexadecimal digits of `X'...'` as written.
    case binary(String)
}
