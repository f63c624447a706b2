//! Validation of H3 cell indexes (the hexagonal grid devices use to say where they stand).
//!
//! A cell index is a 64-bit word: bit 63 reserved (0), bits 59–62 the mode (1 for a cell),
//! bits 56–58 reserved (0), bits 52–55 the resolution (0–15), bits 45–51 the base cell (0–121),
//! then fifteen 3-bit digits, one per resolution: digits up to the resolution are 0–6, the
//! unused ones are all 7. The twelve pentagon base cells have no child in direction 1.

use crate::H3Cell;

/// Number of H3 base cells.
const BASE_CELLS: u64 = 122;
/// The H3 mode of a cell index.
const MODE_CELL: u64 = 1;
/// The twelve base cells centred on an icosahedron vertex (pentagons).
const PENTAGON_BASE_CELLS: [u64; 12] = [4, 14, 24, 38, 49, 58, 63, 72, 83, 97, 107, 117];

/// The resolution (0–15) of a valid cell index, or `None` if `cell` is not a valid H3 cell.
pub fn cell_resolution(cell: H3Cell) -> Option<u8> {
	if cell >> 63 != 0 || (cell >> 59) & 0xF != MODE_CELL || (cell >> 56) & 0x7 != 0 {
		return None;
	}
	let resolution = (cell >> 52) & 0xF;
	let base_cell = (cell >> 45) & 0x7F;
	if base_cell >= BASE_CELLS {
		return None;
	}
	let mut first_nonzero_digit = None;
	for r in 1..=15u64 {
		let digit = (cell >> ((15 - r) * 3)) & 0x7;
		let valid = if r <= resolution { digit <= 6 } else { digit == 7 };
		if !valid {
			return None;
		}
		if r <= resolution && digit != 0 && first_nonzero_digit.is_none() {
			first_nonzero_digit = Some(digit);
		}
	}
	// A pentagon has no child in the K direction (digit 1): that subsequence is deleted.
	if PENTAGON_BASE_CELLS.contains(&base_cell) && first_nonzero_digit == Some(1) {
		return None;
	}
	Some(resolution as u8)
}

/// Whether `cell` is a valid H3 cell index.
pub fn is_valid_cell(cell: H3Cell) -> bool {
	cell_resolution(cell).is_some()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn accepts_real_cells() {
		// Cells produced by the reference H3 library.
		assert_eq!(cell_resolution(0x8928308280fffff), Some(9)); // San Francisco, res 9
		assert_eq!(cell_resolution(0x85283473fffffff), Some(5));
		assert_eq!(cell_resolution(0x8001fffffffffff), Some(0)); // base cell 0
		assert_eq!(cell_resolution(0x8f2830828052d25), Some(15));
		assert_eq!(cell_resolution(0x891f1d48947ffff), Some(9)); // Berlin
		assert_eq!(cell_resolution(0x887a6e42cbfffff), Some(8)); // Nairobi
	}

	#[test]
	fn refuses_malformed_cells() {
		assert!(!is_valid_cell(0));
		assert!(!is_valid_cell(u64::MAX));
		// mode 2 (a directed edge), otherwise the res 9 cell above
		assert!(!is_valid_cell(0x1128308280fffff));
		// reserved top bit set
		assert!(!is_valid_cell(0x8928308280fffff | (1 << 63)));
		// base cell 122
		assert!(!is_valid_cell(0x80f5fffffffffff));
		// an unused digit that is not 7
		assert!(!is_valid_cell(0x8928308280ffffe));
		// a used digit of 7 (digit 3 of a res 5 cell)
		assert!(!is_valid_cell(0x85283773fffffff));
		// a pentagon (base cell 4) entered in the deleted K direction
		assert!(!is_valid_cell(0x81087ffffffffff));
	}
}
