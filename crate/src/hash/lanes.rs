//! Four 32-bit lanes: wasm SIMD128 when the build enables it, plain arrays otherwise.
//! Both give the same results, so the native tests check the lane logic that the
//! browser runs.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(super) use simd::U32x4;

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub(super) use portable::U32x4;

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod portable {
    use core::ops::{Add, BitXor};

    #[derive(Clone, Copy)]
    pub(in super::super) struct U32x4([u32; 4]);

    impl U32x4 {
        pub(in super::super) const ZERO: Self = Self([0; 4]);

        pub(in super::super) fn splat(value: u32) -> Self {
            Self([value; 4])
        }

        /// Reads four big-endian words from the first 16 bytes.
        pub(in super::super) fn load_be(bytes: &[u8]) -> Self {
            Self(core::array::from_fn(|lane| {
                u32::from_be_bytes([
                    bytes[4 * lane],
                    bytes[4 * lane + 1],
                    bytes[4 * lane + 2],
                    bytes[4 * lane + 3],
                ])
            }))
        }

        pub(in super::super) fn to_array(self) -> [u32; 4] {
            self.0
        }

        pub(in super::super) fn rotate_left(self, bits: u32) -> Self {
            Self(self.0.map(|word| word.rotate_left(bits)))
        }

        /// `[a2, a3, b0, b1]`.
        pub(in super::super) fn lanes_2_to_5(a: Self, b: Self) -> Self {
            Self([a.0[2], a.0[3], b.0[0], b.0[1]])
        }

        /// `[a1, a2, a3, 0]`.
        pub(in super::super) fn shift_down_one(self) -> Self {
            Self([self.0[1], self.0[2], self.0[3], 0])
        }

        /// `[0, 0, 0, a0]`.
        pub(in super::super) fn lane_0_to_3(self) -> Self {
            Self([0, 0, 0, self.0[0]])
        }
    }

    impl BitXor for U32x4 {
        type Output = Self;
        fn bitxor(self, other: Self) -> Self {
            Self(core::array::from_fn(|lane| self.0[lane] ^ other.0[lane]))
        }
    }

    impl Add for U32x4 {
        type Output = Self;
        fn add(self, other: Self) -> Self {
            Self(core::array::from_fn(|lane| {
                self.0[lane].wrapping_add(other.0[lane])
            }))
        }
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use core::arch::wasm32::*;
    use core::ops::{Add, BitXor};

    #[derive(Clone, Copy)]
    pub(in super::super) struct U32x4(v128);

    impl U32x4 {
        pub(in super::super) const ZERO: Self = Self(u32x4(0, 0, 0, 0));

        #[inline(always)]
        pub(in super::super) fn splat(value: u32) -> Self {
            Self(u32x4_splat(value))
        }

        /// Reads four big-endian words from the first 16 bytes.
        #[inline(always)]
        pub(in super::super) fn load_be(bytes: &[u8]) -> Self {
            assert!(bytes.len() >= 16);
            // SAFETY: the assertion above keeps the 16-byte read inside `bytes`, and
            // wasm loads need no alignment.
            let little_endian = unsafe { v128_load(bytes.as_ptr().cast()) };
            Self(i8x16_shuffle::<
                3,
                2,
                1,
                0,
                7,
                6,
                5,
                4,
                11,
                10,
                9,
                8,
                15,
                14,
                13,
                12,
            >(little_endian, little_endian))
        }

        #[inline(always)]
        pub(in super::super) fn to_array(self) -> [u32; 4] {
            [
                u32x4_extract_lane::<0>(self.0),
                u32x4_extract_lane::<1>(self.0),
                u32x4_extract_lane::<2>(self.0),
                u32x4_extract_lane::<3>(self.0),
            ]
        }

        #[inline(always)]
        pub(in super::super) fn rotate_left(self, bits: u32) -> Self {
            Self(v128_or(
                u32x4_shl(self.0, bits),
                u32x4_shr(self.0, 32 - bits),
            ))
        }

        /// `[a2, a3, b0, b1]`.
        #[inline(always)]
        pub(in super::super) fn lanes_2_to_5(a: Self, b: Self) -> Self {
            Self(i32x4_shuffle::<2, 3, 4, 5>(a.0, b.0))
        }

        /// `[a1, a2, a3, 0]`.
        #[inline(always)]
        pub(in super::super) fn shift_down_one(self) -> Self {
            Self(i32x4_shuffle::<1, 2, 3, 4>(self.0, Self::ZERO.0))
        }

        /// `[0, 0, 0, a0]`.
        #[inline(always)]
        pub(in super::super) fn lane_0_to_3(self) -> Self {
            Self(i32x4_shuffle::<4, 4, 4, 0>(self.0, Self::ZERO.0))
        }
    }

    impl BitXor for U32x4 {
        type Output = Self;
        #[inline(always)]
        fn bitxor(self, other: Self) -> Self {
            Self(v128_xor(self.0, other.0))
        }
    }

    impl Add for U32x4 {
        type Output = Self;
        #[inline(always)]
        fn add(self, other: Self) -> Self {
            Self(i32x4_add(self.0, other.0))
        }
    }
}
