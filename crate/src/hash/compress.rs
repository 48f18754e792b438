//! The SHA-1 compression function (FIPS 180-4, section 6.1.2), with the message
//! schedule computed four words at a time.
//!
//! The 80 rounds are inherently serial, but the schedule is not: words 16 to 79 are
//! computed in groups of four with 128-bit lanes (wasm SIMD128 when the build enables
//! it), and the round constant is added in the same lanes. In Chromium 156 this runs
//! faster than the `sha1` crate's portable code, which the tests compare it with.

use super::lanes::U32x4;

const K: [u32; 4] = [0x5a82_7999, 0x6ed9_eba1, 0x8f1b_bcdc, 0xca62_c1d6];

/// Runs the compression function over each 64-byte block in turn.
pub(super) fn compress(state: &mut [u32; 5], blocks: &[[u8; 64]]) {
    for block in blocks {
        compress_block(state, block);
    }
}

/// One block. Kept out of line so that every block is a new call: V8 then switches to
/// the optimized code of this function as soon as it is ready, even in the middle of a
/// long `update`.
#[inline(never)]
fn compress_block(state: &mut [u32; 5], block: &[u8; 64]) {
    let mut words = [U32x4::ZERO; 20];
    for (index, bytes) in block.chunks_exact(16).enumerate() {
        words[index] = U32x4::load_be(bytes);
    }
    let [mut a, mut b, mut c, mut d, mut e] = *state;

    // One round adds into the register that becomes the new `a` and rotates `b`, so the
    // names shift by one per round instead of five values moving.
    macro_rules! round {
        ($f:ident, $a:ident, $b:ident, $c:ident, $d:ident, $e:ident, $wk:expr) => {
            $e = $e
                .wrapping_add($wk)
                .wrapping_add($f($b, $c, $d))
                .wrapping_add($a.rotate_left(5));
            $b = $b.rotate_left(30);
        };
    }
    // Four rounds on the schedule words of `$group`, computed just before they are used.
    macro_rules! four_rounds {
        ($f:ident, $k:expr, $group:expr, $a:ident, $b:ident, $c:ident, $d:ident, $e:ident) => {
            if $group >= 4 {
                words[$group] = schedule_group(&words, $group);
            }
            let [wk0, wk1, wk2, wk3] = (words[$group] + U32x4::splat($k)).to_array();
            round!($f, $a, $b, $c, $d, $e, wk0);
            round!($f, $e, $a, $b, $c, $d, wk1);
            round!($f, $d, $e, $a, $b, $c, wk2);
            round!($f, $c, $d, $e, $a, $b, wk3);
        };
    }
    // Twenty rounds end with the names where they started.
    macro_rules! twenty_rounds {
        ($f:ident, $k:expr, $first_group:expr) => {
            four_rounds!($f, $k, $first_group, a, b, c, d, e);
            four_rounds!($f, $k, $first_group + 1, b, c, d, e, a);
            four_rounds!($f, $k, $first_group + 2, c, d, e, a, b);
            four_rounds!($f, $k, $first_group + 3, d, e, a, b, c);
            four_rounds!($f, $k, $first_group + 4, e, a, b, c, d);
        };
    }

    twenty_rounds!(choose, K[0], 0);
    twenty_rounds!(parity, K[1], 5);
    twenty_rounds!(majority, K[2], 10);
    twenty_rounds!(parity, K[3], 15);

    state[0] = state[0].wrapping_add(a);
    state[1] = state[1].wrapping_add(b);
    state[2] = state[2].wrapping_add(c);
    state[3] = state[3].wrapping_add(d);
    state[4] = state[4].wrapping_add(e);
}

/// Returns message schedule words 4 * group to 4 * group + 3, for group 4 to 19.
#[inline(always)]
fn schedule_group(words: &[U32x4; 20], group: usize) -> U32x4 {
    if group < 8 {
        // W[t] = rotl1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16]). The last word of a group
        // needs the first, so it is computed with zero in its place and then corrected:
        // rotl1 is linear over xor, so xoring in rotl1(W[t]) = rotl2(first sum) fixes it.
        let minus_16 = words[group - 4];
        let minus_14 = U32x4::lanes_2_to_5(words[group - 4], words[group - 3]);
        let minus_8 = words[group - 2];
        let minus_3 = words[group - 1].shift_down_one();
        let sum = minus_16 ^ minus_14 ^ minus_8 ^ minus_3;
        sum.rotate_left(1) ^ sum.rotate_left(2).lane_0_to_3()
    } else {
        // From t = 32 on, W[t] = rotl2(W[t-6] ^ W[t-16] ^ W[t-28] ^ W[t-32]) holds too
        // (it follows from expanding the recurrence twice), and then no word of a group
        // depends on another word of the same group.
        let minus_6 = U32x4::lanes_2_to_5(words[group - 2], words[group - 1]);
        let sum = minus_6 ^ words[group - 4] ^ words[group - 7] ^ words[group - 8];
        sum.rotate_left(2)
    }
}

#[inline(always)]
fn choose(b: u32, c: u32, d: u32) -> u32 {
    d ^ (b & (c ^ d))
}

#[inline(always)]
fn parity(b: u32, c: u32, d: u32) -> u32 {
    b ^ c ^ d
}

#[inline(always)]
fn majority(b: u32, c: u32, d: u32) -> u32 {
    (b & c) | (d & (b | c))
}
