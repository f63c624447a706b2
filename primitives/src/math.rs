//! The one rational-math helper every pallet uses for pro-rata shares of balances.

use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding, traits::AtLeast32BitUnsigned, Rounding,
	SaturatedConversion,
};

/// `value × num ÷ den`, rounded as `rounding`, with a 256-bit intermediate product so it cannot
/// overflow on the way. Zero when `den` is zero or the result does not fit in 128 bits (callers
/// compute shares of a whole, `num ≤ den`, where that cannot happen; zero is the answer that
/// can never pay out more than there is); saturates at `B`'s maximum above that.
pub fn mul_rational<B: AtLeast32BitUnsigned + Copy>(
	value: B,
	num: u128,
	den: u128,
	rounding: Rounding,
) -> B {
	if den == 0 {
		return B::zero();
	}
	multiply_by_rational_with_rounding(value.saturated_into(), num, den, rounding)
		.unwrap_or(0)
		.saturated_into()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn rounds_as_asked_and_never_overflows() {
		assert_eq!(mul_rational(10u128, 1, 3, Rounding::Down), 3);
		assert_eq!(mul_rational(10u128, 1, 3, Rounding::Up), 4);
		assert_eq!(
			mul_rational(u128::MAX, u128::MAX - 1, u128::MAX, Rounding::Down),
			u128::MAX - 1
		);
		assert_eq!(mul_rational(7u64, 5, 0, Rounding::Down), 0);
		// A result beyond the type saturates instead of wrapping; beyond 128 bits it is zero.
		assert_eq!(mul_rational(u32::MAX, 2, 1, Rounding::Down), u32::MAX);
		assert_eq!(mul_rational(u128::MAX, 2, 1, Rounding::Down), 0);
	}
}
