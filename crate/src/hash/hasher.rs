//! The incremental SHA-1 state: buffering of partial blocks, the 64-bit length counter
//! and the final padding.

use super::{to_hex, DIGEST_LEN};

const BLOCK_LEN: usize = 64;

/// Initial hash value from FIPS 180-4, section 5.3.1.
const INITIAL_STATE: [u32; 5] = [
    0x6745_2301,
    0xefcd_ab89,
    0x98ba_dcfe,
    0x1032_5476,
    0xc3d2_e1f0,
];

/// An incremental SHA-1 hasher: feed it any number of slices of any length with
/// [`update`](Self::update), then read the digest with [`finalize`](Self::finalize).
#[derive(Clone, Debug)]
pub struct Sha1Hasher {
    state: [u32; 5],
    /// Bytes of an incomplete block, waiting for the rest of it.
    pending: [u8; BLOCK_LEN],
    pending_len: usize,
    /// Total message length in bytes, so far.
    pub(super) message_len: u64,
}

impl Default for Sha1Hasher {
    fn default() -> Self {
        Self::new()
    }
}

impl Sha1Hasher {
    /// Creates a hasher for an empty message.
    pub fn new() -> Self {
        Self {
            state: INITIAL_STATE,
            pending: [0; BLOCK_LEN],
            pending_len: 0,
            message_len: 0,
        }
    }

    /// Appends `data` to the message.
    pub fn update(&mut self, mut data: &[u8]) {
        self.message_len = self.message_len.wrapping_add(data.len() as u64);

        if self.pending_len > 0 {
            let take = data.len().min(BLOCK_LEN - self.pending_len);
            self.pending[self.pending_len..self.pending_len + take].copy_from_slice(&data[..take]);
            self.pending_len += take;
            data = &data[take..];
            if self.pending_len < BLOCK_LEN {
                return;
            }
            compress(&mut self.state, &[self.pending]);
            self.pending_len = 0;
        }

        let whole_len = data.len() - data.len() % BLOCK_LEN;
        let (whole, rest) = data.split_at(whole_len);
        compress(&mut self.state, as_blocks(whole));

        self.pending[..rest.len()].copy_from_slice(rest);
        self.pending_len = rest.len();
    }

    /// Number of message bytes given to [`update`](Self::update) so far.
    pub fn message_len(&self) -> u64 {
        self.message_len
    }

    /// Returns the digest of the message so far. The hasher is left unchanged, so more
    /// updates continue the same message.
    pub fn finalize(&self) -> [u8; DIGEST_LEN] {
        let mut state = self.state;

        // Padding: one 0x80 byte, zeros up to 56 bytes modulo 64, then the message length
        // in bits as a 64-bit big-endian number (FIPS 180-4, section 5.1.1).
        let mut tail = [0u8; 2 * BLOCK_LEN];
        tail[..self.pending_len].copy_from_slice(&self.pending[..self.pending_len]);
        tail[self.pending_len] = 0x80;
        let tail_len = if self.pending_len < BLOCK_LEN - 8 {
            BLOCK_LEN
        } else {
            2 * BLOCK_LEN
        };
        let bit_len = self.message_len.wrapping_mul(8);
        tail[tail_len - 8..tail_len].copy_from_slice(&bit_len.to_be_bytes());
        compress(&mut state, as_blocks(&tail[..tail_len]));

        let mut digest = [0u8; DIGEST_LEN];
        for (bytes, word) in digest.chunks_exact_mut(4).zip(state) {
            bytes.copy_from_slice(&word.to_be_bytes());
        }
        digest
    }

    /// Returns the digest of the message so far as 40 lower-case hexadecimal digits.
    pub fn finalize_hex(&self) -> String {
        to_hex(&self.finalize())
    }
}

/// Runs the SHA-1 compression function over whole blocks.
fn compress(state: &mut [u32; 5], blocks: &[[u8; BLOCK_LEN]]) {
    super::compress::compress(state, blocks);
}

/// Views a slice whose length is a multiple of 64 as 64-byte blocks, without copying.
fn as_blocks(data: &[u8]) -> &[[u8; BLOCK_LEN]] {
    debug_assert_eq!(data.len() % BLOCK_LEN, 0);
    // SAFETY: `[u8; 64]` has the size 64 and the alignment 1 of its bytes, the new slice
    // covers `data.len() / 64 * 64` bytes that all lie inside `data`, and it borrows
    // `data` for the same lifetime, so it aliases nothing mutable.
    unsafe { core::slice::from_raw_parts(data.as_ptr().cast(), data.len() / BLOCK_LEN) }
}
