/* opcodes.h — the WebAssembly instruction set as X-macro tables.
 *
 * One list generates the opcode enum, the names used in messages and the disassembler,
 * and the generic handling of the simple numeric instructions in the validator/compiler
 * (kind + operand/result types). X(code, NAME, "text", kind, a, b, r, NONE):
 *   kind CTRL/VAR/MISC : handled one by one in compile.c (a, b, r unused)
 *   kind BIN  : pops a, b; pushes r          kind UN : pops a; pushes r
 *   kind LOAD : a = natural alignment (log2); pushes r
 *   kind STORE: a = natural alignment (log2); pops i32 address and value of type b
 * Types are written T_I32.. ; T__ means none.
 */
#ifndef TYCHO_OPCODES_H
#define TYCHO_OPCODES_H

#define T__   0
#define T_I32 0x7F
#define T_I64 0x7E
#define T_F32 0x7D
#define T_F64 0x7C

#define TW_OPCODES(X) \
    X(0x00, UNREACHABLE, "unreachable", CTRL, T__, T__, T__, NONE) \
    X(0x01, NOP, "nop", CTRL, T__, T__, T__, NONE) \
    X(0x02, BLOCK, "block", CTRL, T__, T__, T__, NONE) \
    X(0x03, LOOP, "loop", CTRL, T__, T__, T__, NONE) \
    X(0x04, IF, "if", CTRL, T__, T__, T__, NONE) \
    X(0x05, ELSE, "else", CTRL, T__, T__, T__, NONE) \
    X(0x0B, END, "end", CTRL, T__, T__, T__, NONE) \
    X(0x0C, BR, "br", CTRL, T__, T__, T__, NONE) \
    X(0x0D, BR_IF, "br_if", CTRL, T__, T__, T__, NONE) \
    X(0x0E, BR_TABLE, "br_table", CTRL, T__, T__, T__, NONE) \
    X(0x0F, RETURN, "return", CTRL, T__, T__, T__, NONE) \
    X(0x10, CALL, "call", CTRL, T__, T__, T__, NONE) \
    X(0x11, CALL_INDIRECT, "call_indirect", CTRL, T__, T__, T__, NONE) \
    X(0x1A, DROP, "drop", MISC, T__, T__, T__, NONE) \
    X(0x1B, SELECT, "select", MISC, T__, T__, T__, NONE) \
    X(0x1C, SELECT_T, "select", MISC, T__, T__, T__, NONE) \
    X(0x20, LOCAL_GET, "local.get", VAR, T__, T__, T__, NONE) \
    X(0x21, LOCAL_SET, "local.set", VAR, T__, T__, T__, NONE) \
    X(0x22, LOCAL_TEE, "local.tee", VAR, T__, T__, T__, NONE) \
    X(0x23, GLOBAL_GET, "global.get", VAR, T__, T__, T__, NONE) \
    X(0x24, GLOBAL_SET, "global.set", VAR, T__, T__, T__, NONE) \
    X(0x25, TABLE_GET, "table.get", MISC, T__, T__, T__, NONE) \
    X(0x26, TABLE_SET, "table.set", MISC, T__, T__, T__, NONE) \
    X(0x28, I32_LOAD, "i32.load", LOAD, 2, T__, T_I32, NONE) \
    X(0x29, I64_LOAD, "i64.load", LOAD, 3, T__, T_I64, NONE) \
    X(0x2A, F32_LOAD, "f32.load", LOAD, 2, T__, T_F32, NONE) \
    X(0x2B, F64_LOAD, "f64.load", LOAD, 3, T__, T_F64, NONE) \
    X(0x2C, I32_LOAD8_S, "i32.load8_s", LOAD, 0, T__, T_I32, NONE) \
    X(0x2D, I32_LOAD8_U, "i32.load8_u", LOAD, 0, T__, T_I32, NONE) \
    X(0x2E, I32_LOAD16_S, "i32.load16_s", LOAD, 1, T__, T_I32, NONE) \
    X(0x2F, I32_LOAD16_U, "i32.load16_u", LOAD, 1, T__, T_I32, NONE) \
    X(0x30, I64_LOAD8_S, "i64.load8_s", LOAD, 0, T__, T_I64, NONE) \
    X(0x31, I64_LOAD8_U, "i64.load8_u", LOAD, 0, T__, T_I64, NONE) \
    X(0x32, I64_LOAD16_S, "i64.load16_s", LOAD, 1, T__, T_I64, NONE) \
    X(0x33, I64_LOAD16_U, "i64.load16_u", LOAD, 1, T__, T_I64, NONE) \
    X(0x34, I64_LOAD32_S, "i64.load32_s", LOAD, 2, T__, T_I64, NONE) \
    X(0x35, I64_LOAD32_U, "i64.load32_u", LOAD, 2, T__, T_I64, NONE) \
    X(0x36, I32_STORE, "i32.store", STORE, 2, T_I32, T__, NONE) \
    X(0x37, I64_STORE, "i64.store", STORE, 3, T_I64, T__, NONE) \
    X(0x38, F32_STORE, "f32.store", STORE, 2, T_F32, T__, NONE) \
    X(0x39, F64_STORE, "f64.store", STORE, 3, T_F64, T__, NONE) \
    X(0x3A, I32_STORE8, "i32.store8", STORE, 0, T_I32, T__, NONE) \
    X(0x3B, I32_STORE16, "i32.store16", STORE, 1, T_I32, T__, NONE) \
    X(0x3C, I64_STORE8, "i64.store8", STORE, 0, T_I64, T__, NONE) \
    X(0x3D, I64_STORE16, "i64.store16", STORE, 1, T_I64, T__, NONE) \
    X(0x3E, I64_STORE32, "i64.store32", STORE, 2, T_I64, T__, NONE) \
    X(0x3F, MEMORY_SIZE, "memory.size", MISC, T__, T__, T__, NONE) \
    X(0x40, MEMORY_GROW, "memory.grow", MISC, T__, T__, T__, NONE) \
    X(0x41, I32_CONST, "i32.const", MISC, T__, T__, T__, NONE) \
    X(0x42, I64_CONST, "i64.const", MISC, T__, T__, T__, NONE) \
    X(0x43, F32_CONST, "f32.const", MISC, T__, T__, T__, NONE) \
    X(0x44, F64_CONST, "f64.const", MISC, T__, T__, T__, NONE) \
    X(0x45, I32_EQZ, "i32.eqz", UN, T_I32, T__, T_I32, tw_op_i32_eqz) \
    X(0x46, I32_EQ, "i32.eq", BIN, T_I32, T_I32, T_I32, tw_op_i32_eq) \
    X(0x47, I32_NE, "i32.ne", BIN, T_I32, T_I32, T_I32, tw_op_i32_ne) \
    X(0x48, I32_LT_S, "i32.lt_s", BIN, T_I32, T_I32, T_I32, tw_op_i32_lt_s) \
    X(0x49, I32_LT_U, "i32.lt_u", BIN, T_I32, T_I32, T_I32, tw_op_i32_lt_u) \
    X(0x4A, I32_GT_S, "i32.gt_s", BIN, T_I32, T_I32, T_I32, tw_op_i32_gt_s) \
    X(0x4B, I32_GT_U, "i32.gt_u", BIN, T_I32, T_I32, T_I32, tw_op_i32_gt_u) \
    X(0x4C, I32_LE_S, "i32.le_s", BIN, T_I32, T_I32, T_I32, tw_op_i32_le_s) \
    X(0x4D, I32_LE_U, "i32.le_u", BIN, T_I32, T_I32, T_I32, tw_op_i32_le_u) \
    X(0x4E, I32_GE_S, "i32.ge_s", BIN, T_I32, T_I32, T_I32, tw_op_i32_ge_s) \
    X(0x4F, I32_GE_U, "i32.ge_u", BIN, T_I32, T_I32, T_I32, tw_op_i32_ge_u) \
    X(0x50, I64_EQZ, "i64.eqz", UN, T_I64, T__, T_I32, tw_op_i64_eqz) \
    X(0x51, I64_EQ, "i64.eq", BIN, T_I64, T_I64, T_I32, tw_op_i64_eq) \
    X(0x52, I64_NE, "i64.ne", BIN, T_I64, T_I64, T_I32, tw_op_i64_ne) \
    X(0x53, I64_LT_S, "i64.lt_s", BIN, T_I64, T_I64, T_I32, tw_op_i64_lt_s) \
    X(0x54, I64_LT_U, "i64.lt_u", BIN, T_I64, T_I64, T_I32, tw_op_i64_lt_u) \
    X(0x55, I64_GT_S, "i64.gt_s", BIN, T_I64, T_I64, T_I32, tw_op_i64_gt_s) \
    X(0x56, I64_GT_U, "i64.gt_u", BIN, T_I64, T_I64, T_I32, tw_op_i64_gt_u) \
    X(0x57, I64_LE_S, "i64.le_s", BIN, T_I64, T_I64, T_I32, tw_op_i64_le_s) \
    X(0x58, I64_LE_U, "i64.le_u", BIN, T_I64, T_I64, T_I32, tw_op_i64_le_u) \
    X(0x59, I64_GE_S, "i64.ge_s", BIN, T_I64, T_I64, T_I32, tw_op_i64_ge_s) \
    X(0x5A, I64_GE_U, "i64.ge_u", BIN, T_I64, T_I64, T_I32, tw_op_i64_ge_u) \
    X(0x5B, F32_EQ, "f32.eq", BIN, T_F32, T_F32, T_I32, tw_op_f32_eq) \
    X(0x5C, F32_NE, "f32.ne", BIN, T_F32, T_F32, T_I32, tw_op_f32_ne) \
    X(0x5D, F32_LT, "f32.lt", BIN, T_F32, T_F32, T_I32, tw_op_f32_lt) \
    X(0x5E, F32_GT, "f32.gt", BIN, T_F32, T_F32, T_I32, tw_op_f32_gt) \
    X(0x5F, F32_LE, "f32.le", BIN, T_F32, T_F32, T_I32, tw_op_f32_le) \
    X(0x60, F32_GE, "f32.ge", BIN, T_F32, T_F32, T_I32, tw_op_f32_ge) \
    X(0x61, F64_EQ, "f64.eq", BIN, T_F64, T_F64, T_I32, tw_op_f64_eq) \
    X(0x62, F64_NE, "f64.ne", BIN, T_F64, T_F64, T_I32, tw_op_f64_ne) \
    X(0x63, F64_LT, "f64.lt", BIN, T_F64, T_F64, T_I32, tw_op_f64_lt) \
    X(0x64, F64_GT, "f64.gt", BIN, T_F64, T_F64, T_I32, tw_op_f64_gt) \
    X(0x65, F64_LE, "f64.le", BIN, T_F64, T_F64, T_I32, tw_op_f64_le) \
    X(0x66, F64_GE, "f64.ge", BIN, T_F64, T_F64, T_I32, tw_op_f64_ge) \
    X(0x67, I32_CLZ, "i32.clz", UN, T_I32, T__, T_I32, tw_op_i32_clz) \
    X(0x68, I32_CTZ, "i32.ctz", UN, T_I32, T__, T_I32, tw_op_i32_ctz) \
    X(0x69, I32_POPCNT, "i32.popcnt", UN, T_I32, T__, T_I32, tw_op_i32_popcnt) \
    X(0x6A, I32_ADD, "i32.add", BIN, T_I32, T_I32, T_I32, tw_op_i32_add) \
    X(0x6B, I32_SUB, "i32.sub", BIN, T_I32, T_I32, T_I32, tw_op_i32_sub) \
    X(0x6C, I32_MUL, "i32.mul", BIN, T_I32, T_I32, T_I32, tw_op_i32_mul) \
    X(0x6D, I32_DIV_S, "i32.div_s", BINT, T_I32, T_I32, T_I32, tw_op_i32_div_s) \
    X(0x6E, I32_DIV_U, "i32.div_u", BINT, T_I32, T_I32, T_I32, tw_op_i32_div_u) \
    X(0x6F, I32_REM_S, "i32.rem_s", BINT, T_I32, T_I32, T_I32, tw_op_i32_rem_s) \
    X(0x70, I32_REM_U, "i32.rem_u", BINT, T_I32, T_I32, T_I32, tw_op_i32_rem_u) \
    X(0x71, I32_AND, "i32.and", BIN, T_I32, T_I32, T_I32, tw_op_i32_and) \
    X(0x72, I32_OR, "i32.or", BIN, T_I32, T_I32, T_I32, tw_op_i32_or) \
    X(0x73, I32_XOR, "i32.xor", BIN, T_I32, T_I32, T_I32, tw_op_i32_xor) \
    X(0x74, I32_SHL, "i32.shl", BIN, T_I32, T_I32, T_I32, tw_op_i32_shl) \
    X(0x75, I32_SHR_S, "i32.shr_s", BIN, T_I32, T_I32, T_I32, tw_op_i32_shr_s) \
    X(0x76, I32_SHR_U, "i32.shr_u", BIN, T_I32, T_I32, T_I32, tw_op_i32_shr_u) \
    X(0x77, I32_ROTL, "i32.rotl", BIN, T_I32, T_I32, T_I32, tw_op_i32_rotl) \
    X(0x78, I32_ROTR, "i32.rotr", BIN, T_I32, T_I32, T_I32, tw_op_i32_rotr) \
    X(0x79, I64_CLZ, "i64.clz", UN, T_I64, T__, T_I64, tw_op_i64_clz) \
    X(0x7A, I64_CTZ, "i64.ctz", UN, T_I64, T__, T_I64, tw_op_i64_ctz) \
    X(0x7B, I64_POPCNT, "i64.popcnt", UN, T_I64, T__, T_I64, tw_op_i64_popcnt) \
    X(0x7C, I64_ADD, "i64.add", BIN, T_I64, T_I64, T_I64, tw_op_i64_add) \
    X(0x7D, I64_SUB, "i64.sub", BIN, T_I64, T_I64, T_I64, tw_op_i64_sub) \
    X(0x7E, I64_MUL, "i64.mul", BIN, T_I64, T_I64, T_I64, tw_op_i64_mul) \
    X(0x7F, I64_DIV_S, "i64.div_s", BINT, T_I64, T_I64, T_I64, tw_op_i64_div_s) \
    X(0x80, I64_DIV_U, "i64.div_u", BINT, T_I64, T_I64, T_I64, tw_op_i64_div_u) \
    X(0x81, I64_REM_S, "i64.rem_s", BINT, T_I64, T_I64, T_I64, tw_op_i64_rem_s) \
    X(0x82, I64_REM_U, "i64.rem_u", BINT, T_I64, T_I64, T_I64, tw_op_i64_rem_u) \
    X(0x83, I64_AND, "i64.and", BIN, T_I64, T_I64, T_I64, tw_op_i64_and) \
    X(0x84, I64_OR, "i64.or", BIN, T_I64, T_I64, T_I64, tw_op_i64_or) \
    X(0x85, I64_XOR, "i64.xor", BIN, T_I64, T_I64, T_I64, tw_op_i64_xor) \
    X(0x86, I64_SHL, "i64.shl", BIN, T_I64, T_I64, T_I64, tw_op_i64_shl) \
    X(0x87, I64_SHR_S, "i64.shr_s", BIN, T_I64, T_I64, T_I64, tw_op_i64_shr_s) \
    X(0x88, I64_SHR_U, "i64.shr_u", BIN, T_I64, T_I64, T_I64, tw_op_i64_shr_u) \
    X(0x89, I64_ROTL, "i64.rotl", BIN, T_I64, T_I64, T_I64, tw_op_i64_rotl) \
    X(0x8A, I64_ROTR, "i64.rotr", BIN, T_I64, T_I64, T_I64, tw_op_i64_rotr) \
    X(0x8B, F32_ABS, "f32.abs", UN, T_F32, T__, T_F32, tw_op_f32_abs) \
    X(0x8C, F32_NEG, "f32.neg", UN, T_F32, T__, T_F32, tw_op_f32_neg) \
    X(0x8D, F32_CEIL, "f32.ceil", UN, T_F32, T__, T_F32, tw_op_f32_ceil) \
    X(0x8E, F32_FLOOR, "f32.floor", UN, T_F32, T__, T_F32, tw_op_f32_floor) \
    X(0x8F, F32_TRUNC, "f32.trunc", UN, T_F32, T__, T_F32, tw_op_f32_trunc) \
    X(0x90, F32_NEAREST, "f32.nearest", UN, T_F32, T__, T_F32, tw_op_f32_nearest) \
    X(0x91, F32_SQRT, "f32.sqrt", UN, T_F32, T__, T_F32, tw_op_f32_sqrt) \
    X(0x92, F32_ADD, "f32.add", BIN, T_F32, T_F32, T_F32, tw_op_f32_add) \
    X(0x93, F32_SUB, "f32.sub", BIN, T_F32, T_F32, T_F32, tw_op_f32_sub) \
    X(0x94, F32_MUL, "f32.mul", BIN, T_F32, T_F32, T_F32, tw_op_f32_mul) \
    X(0x95, F32_DIV, "f32.div", BIN, T_F32, T_F32, T_F32, tw_op_f32_div) \
    X(0x96, F32_MIN, "f32.min", BIN, T_F32, T_F32, T_F32, tw_op_f32_min) \
    X(0x97, F32_MAX, "f32.max", BIN, T_F32, T_F32, T_F32, tw_op_f32_max) \
    X(0x98, F32_COPYSIGN, "f32.copysign", BIN, T_F32, T_F32, T_F32, tw_op_f32_copysign) \
    X(0x99, F64_ABS, "f64.abs", UN, T_F64, T__, T_F64, tw_op_f64_abs) \
    X(0x9A, F64_NEG, "f64.neg", UN, T_F64, T__, T_F64, tw_op_f64_neg) \
    X(0x9B, F64_CEIL, "f64.ceil", UN, T_F64, T__, T_F64, tw_op_f64_ceil) \
    X(0x9C, F64_FLOOR, "f64.floor", UN, T_F64, T__, T_F64, tw_op_f64_floor) \
    X(0x9D, F64_TRUNC, "f64.trunc", UN, T_F64, T__, T_F64, tw_op_f64_trunc) \
    X(0x9E, F64_NEAREST, "f64.nearest", UN, T_F64, T__, T_F64, tw_op_f64_nearest) \
    X(0x9F, F64_SQRT, "f64.sqrt", UN, T_F64, T__, T_F64, tw_op_f64_sqrt) \
    X(0xA0, F64_ADD, "f64.add", BIN, T_F64, T_F64, T_F64, tw_op_f64_add) \
    X(0xA1, F64_SUB, "f64.sub", BIN, T_F64, T_F64, T_F64, tw_op_f64_sub) \
    X(0xA2, F64_MUL, "f64.mul", BIN, T_F64, T_F64, T_F64, tw_op_f64_mul) \
    X(0xA3, F64_DIV, "f64.div", BIN, T_F64, T_F64, T_F64, tw_op_f64_div) \
    X(0xA4, F64_MIN, "f64.min", BIN, T_F64, T_F64, T_F64, tw_op_f64_min) \
    X(0xA5, F64_MAX, "f64.max", BIN, T_F64, T_F64, T_F64, tw_op_f64_max) \
    X(0xA6, F64_COPYSIGN, "f64.copysign", BIN, T_F64, T_F64, T_F64, tw_op_f64_copysign) \
    X(0xA7, I32_WRAP_I64, "i32.wrap_i64", UN, T_I64, T__, T_I32, tw_op_i32_wrap_i64) \
    X(0xA8, I32_TRUNC_F32_S, "i32.trunc_f32_s", UNT, T_F32, T__, T_I32, tw_op_i32_trunc_f32_s) \
    X(0xA9, I32_TRUNC_F32_U, "i32.trunc_f32_u", UNT, T_F32, T__, T_I32, tw_op_i32_trunc_f32_u) \
    X(0xAA, I32_TRUNC_F64_S, "i32.trunc_f64_s", UNT, T_F64, T__, T_I32, tw_op_i32_trunc_f64_s) \
    X(0xAB, I32_TRUNC_F64_U, "i32.trunc_f64_u", UNT, T_F64, T__, T_I32, tw_op_i32_trunc_f64_u) \
    X(0xAC, I64_EXTEND_I32_S, "i64.extend_i32_s", UN, T_I32, T__, T_I64, tw_op_i64_extend_i32_s) \
    X(0xAD, I64_EXTEND_I32_U, "i64.extend_i32_u", UN, T_I32, T__, T_I64, tw_op_i64_extend_i32_u) \
    X(0xAE, I64_TRUNC_F32_S, "i64.trunc_f32_s", UNT, T_F32, T__, T_I64, tw_op_i64_trunc_f32_s) \
    X(0xAF, I64_TRUNC_F32_U, "i64.trunc_f32_u", UNT, T_F32, T__, T_I64, tw_op_i64_trunc_f32_u) \
    X(0xB0, I64_TRUNC_F64_S, "i64.trunc_f64_s", UNT, T_F64, T__, T_I64, tw_op_i64_trunc_f64_s) \
    X(0xB1, I64_TRUNC_F64_U, "i64.trunc_f64_u", UNT, T_F64, T__, T_I64, tw_op_i64_trunc_f64_u) \
    X(0xB2, F32_CONVERT_I32_S, "f32.convert_i32_s", UN, T_I32, T__, T_F32, tw_op_f32_convert_i32_s) \
    X(0xB3, F32_CONVERT_I32_U, "f32.convert_i32_u", UN, T_I32, T__, T_F32, tw_op_f32_convert_i32_u) \
    X(0xB4, F32_CONVERT_I64_S, "f32.convert_i64_s", UN, T_I64, T__, T_F32, tw_op_f32_convert_i64_s) \
    X(0xB5, F32_CONVERT_I64_U, "f32.convert_i64_u", UN, T_I64, T__, T_F32, tw_op_f32_convert_i64_u) \
    X(0xB6, F32_DEMOTE_F64, "f32.demote_f64", UN, T_F64, T__, T_F32, tw_op_f32_demote_f64) \
    X(0xB7, F64_CONVERT_I32_S, "f64.convert_i32_s", UN, T_I32, T__, T_F64, tw_op_f64_convert_i32_s) \
    X(0xB8, F64_CONVERT_I32_U, "f64.convert_i32_u", UN, T_I32, T__, T_F64, tw_op_f64_convert_i32_u) \
    X(0xB9, F64_CONVERT_I64_S, "f64.convert_i64_s", UN, T_I64, T__, T_F64, tw_op_f64_convert_i64_s) \
    X(0xBA, F64_CONVERT_I64_U, "f64.convert_i64_u", UN, T_I64, T__, T_F64, tw_op_f64_convert_i64_u) \
    X(0xBB, F64_PROMOTE_F32, "f64.promote_f32", UN, T_F32, T__, T_F64, tw_op_f64_promote_f32) \
    X(0xBC, I32_REINTERPRET_F32, "i32.reinterpret_f32", UN, T_F32, T__, T_I32, tw_op_i32_reinterpret_f32) \
    X(0xBD, I64_REINTERPRET_F64, "i64.reinterpret_f64", UN, T_F64, T__, T_I64, tw_op_i64_reinterpret_f64) \
    X(0xBE, F32_REINTERPRET_I32, "f32.reinterpret_i32", UN, T_I32, T__, T_F32, tw_op_f32_reinterpret_i32) \
    X(0xBF, F64_REINTERPRET_I64, "f64.reinterpret_i64", UN, T_I64, T__, T_F64, tw_op_f64_reinterpret_i64) \
    X(0xC0, I32_EXTEND8_S, "i32.extend8_s", UN, T_I32, T__, T_I32, tw_op_i32_extend8_s) \
    X(0xC1, I32_EXTEND16_S, "i32.extend16_s", UN, T_I32, T__, T_I32, tw_op_i32_extend16_s) \
    X(0xC2, I64_EXTEND8_S, "i64.extend8_s", UN, T_I64, T__, T_I64, tw_op_i64_extend8_s) \
    X(0xC3, I64_EXTEND16_S, "i64.extend16_s", UN, T_I64, T__, T_I64, tw_op_i64_extend16_s) \
    X(0xC4, I64_EXTEND32_S, "i64.extend32_s", UN, T_I64, T__, T_I64, tw_op_i64_extend32_s) \
    X(0xD0, REF_NULL, "ref.null", MISC, T__, T__, T__, NONE) \
    X(0xD1, REF_IS_NULL, "ref.is_null", MISC, T__, T__, T__, NONE) \
    X(0xD2, REF_FUNC, "ref.func", MISC, T__, T__, T__, NONE) \
    X(0xFC, PREFIX_FC, "0xfc", MISC, T__, T__, T__, NONE) \
    X(0xFD, PREFIX_SIMD, "0xfd", MISC, T__, T__, T__, NONE)

/* 0xFC-prefixed instructions: X(subcode, NAME, "text", kind, a, b, r, NONE) */
#define TW_OPCODES_FC(X) \
    X(0, I32_TRUNC_SAT_F32_S, "i32.trunc_sat_f32_s", UN, T_F32, T__, T_I32, tw_op_i32_trunc_sat_f32_s) \
    X(1, I32_TRUNC_SAT_F32_U, "i32.trunc_sat_f32_u", UN, T_F32, T__, T_I32, tw_op_i32_trunc_sat_f32_u) \
    X(2, I32_TRUNC_SAT_F64_S, "i32.trunc_sat_f64_s", UN, T_F64, T__, T_I32, tw_op_i32_trunc_sat_f64_s) \
    X(3, I32_TRUNC_SAT_F64_U, "i32.trunc_sat_f64_u", UN, T_F64, T__, T_I32, tw_op_i32_trunc_sat_f64_u) \
    X(4, I64_TRUNC_SAT_F32_S, "i64.trunc_sat_f32_s", UN, T_F32, T__, T_I64, tw_op_i64_trunc_sat_f32_s) \
    X(5, I64_TRUNC_SAT_F32_U, "i64.trunc_sat_f32_u", UN, T_F32, T__, T_I64, tw_op_i64_trunc_sat_f32_u) \
    X(6, I64_TRUNC_SAT_F64_S, "i64.trunc_sat_f64_s", UN, T_F64, T__, T_I64, tw_op_i64_trunc_sat_f64_s) \
    X(7, I64_TRUNC_SAT_F64_U, "i64.trunc_sat_f64_u", UN, T_F64, T__, T_I64, tw_op_i64_trunc_sat_f64_u) \
    X(8, MEMORY_INIT, "memory.init", MISC, T__, T__, T__, NONE) \
    X(9, DATA_DROP, "data.drop", MISC, T__, T__, T__, NONE) \
    X(10, MEMORY_COPY, "memory.copy", MISC, T__, T__, T__, NONE) \
    X(11, MEMORY_FILL, "memory.fill", MISC, T__, T__, T__, NONE) \
    X(12, TABLE_INIT, "table.init", MISC, T__, T__, T__, NONE) \
    X(13, ELEM_DROP, "elem.drop", MISC, T__, T__, T__, NONE) \
    X(14, TABLE_COPY, "table.copy", MISC, T__, T__, T__, NONE) \
    X(15, TABLE_GROW, "table.grow", MISC, T__, T__, T__, NONE) \
    X(16, TABLE_SIZE, "table.size", MISC, T__, T__, T__, NONE) \
    X(17, TABLE_FILL, "table.fill", MISC, T__, T__, T__, NONE)

enum {
#define X(code, name, text, kind, a, b, r, sem) OP_##name = code,
    TW_OPCODES(X)
#undef X
};
enum {
#define X(code, name, text, kind, a, b, r, sem) OPFC_##name = code,
    TW_OPCODES_FC(X)
#undef X
};

#endif
