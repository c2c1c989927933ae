// The order SQL gives values of each fixed-width type, as min/max and min_by/max_by compare them.
// Floating point is totally ordered with NaN above every number (as Trino and DuckDB order it).
import StrataCore

protocol SQLOrdered: BitwiseCopyable {
    static func sqlLess(_ left: Self, _ right: Self) -> Bool
}

extension Int8: SQLOrdered { @inline(__always) static func sqlLess(_ l: Int8, _ r: Int8) -> Bool { l < r } }
extension Int16: SQLOrdered { @inline(__always) static func sqlLess(_ l: Int16, _ r: Int16) -> Bool { l < r } }
extension Int32: SQLOrdered { @inline(__always) static func sqlLess(_ l: Int32, _ r: Int32) -> Bool { l < r } }
extension Int64: SQLOrdered { @inline(__always) static func sqlLess(_ l: Int64, _ r: Int64) -> Bool { l < r } }
extension Int128: SQLOrdered { @inline(__always) static func sqlLess(_ l: Int128, _ r: Int128) -> Bool { l < r } }
extension UInt8: SQLOrdered { @inline(__always) static func sqlLess(_ l: UInt8, _ r: UInt8) -> Bool { l < r } }
extension Interval: SQLOrdered { @inline(__always) static func sqlLess(_ l: Interval, _ r: Interval) -> Bool { l < r } }

extension Float: SQLOrdered {
    @inline(__always) static func sqlLess(_ l: Float, _ r: Float) -> Bool { l < r || (r.isNaN && !l.isNaN) }
}

extension Double: SQLOrdered {
    @inline(__always) static func sqlLess(_ l: Double, _ r: Double) -> Bool { l < r || (r.isNaN && !l.isNaN) }
}
