//! Shared by the guest programs: a read-only table of the size a real Rust program's
//! data segments have (format strings, panic locations, tables: hundreds of KiB), so that
//! the programs have the memory layout of one.

/// 256 KiB of initialised data, computed at compile time (never zero: it is a real data
/// segment, not .bss).
pub static TABLE: [u64; 32768] = {
    let mut t = [0u64; 32768];
    let mut i = 0;
    let mut x: u64 = 0x9E3779B97F4A7C15;
    while i < t.len() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        t[i] = x | 1;
        i += 1;
    }
    t
};

/// One entry of the table, looked at by index (keeps it in the binary).
pub fn table_entry(i: u64) -> u64 {
    TABLE[(i as usize) % TABLE.len()]
}
