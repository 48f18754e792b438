//! Known-answer vectors, and the hasher compared with the `sha1` crate on random data.

use proptest::prelude::*;
use sha1::digest::common::hazmat::SerializableState;
use sha1::{Digest, Sha1};

use super::*;

fn hex_of(data: &[u8]) -> String {
    let mut hasher = Sha1Hasher::new();
    hasher.update(data);
    hasher.finalize_hex()
}

fn reference_hex(data: &[u8]) -> String {
    to_hex(&Sha1::digest(data).into())
}

#[test]
fn empty_message() {
    assert_eq!(hex_of(b""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

#[test]
fn abc() {
    assert_eq!(hex_of(b"abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
}

#[test]
fn nist_448_bit_message() {
    let message = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    assert_eq!(hex_of(message), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
}

#[test]
fn nist_896_bit_message() {
    let message = b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno\
                    ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    assert_eq!(hex_of(message), "a49b2446a02c645bf419f995b67091253a04a259");
}

#[test]
fn one_million_a() {
    let message = vec![b'a'; 1_000_000];
    assert_eq!(hex_of(&message), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

#[test]
fn one_million_a_one_byte_at_a_time() {
    let mut hasher = Sha1Hasher::new();
    for _ in 0..1_000_000 {
        hasher.update(b"a");
    }
    assert_eq!(
        hasher.finalize_hex(),
        "34aa973cd4c4daa4f61eeb2bdbad27316534016f"
    );
}

/// Messages of `a` around the block edges: 55 bytes is the longest message whose padding
/// fits in one block, 56 the shortest that needs a second one. Digests from Python's
/// `hashlib.sha1`.
#[test]
fn block_edges() {
    let cases = [
        (55, "c1c8bbdc22796e28c0e15163d20899b65621d65a"),
        (56, "c2db330f6083854c99d4b5bfb6e8f29f201be699"),
        (63, "03f09f5b158a7a8cdad920bddc29b81c18a551f5"),
        (64, "0098ba824b5c16427bd7a1122a5a442a25ec644d"),
        (65, "11655326c708d70319be2610e8a57d9a5b959d3b"),
    ];
    for (len, expected) in cases {
        assert_eq!(hex_of(&vec![b'a'; len]), expected, "{len} bytes of 'a'");
    }
}

#[test]
fn finalize_leaves_hasher_usable() {
    let mut hasher = Sha1Hasher::new();
    hasher.update(b"ab");
    assert_eq!(hasher.finalize_hex(), reference_hex(b"ab"));
    hasher.update(b"c");
    assert_eq!(
        hasher.finalize_hex(),
        "a9993e364706816aba3e25717850c26c9cd0d89d"
    );
    assert_eq!(hasher.message_len(), 3);
}

/// A message over 4 GiB: the length in the padding needs more than 32 bits. Hashing
/// 4 GiB in a debug test would take minutes, so both hashers resume from the same state
/// after 4 GiB plus one block, through the `sha1` crate's serialized state.
#[test]
fn message_over_4_gib() {
    let first_block = [b'x'; 64];
    let tail = [b'y'; 100];
    let blocks_before_tail: u64 = (1 << 26) + 1;

    let mut reference = Sha1::new();
    reference.update(first_block);
    let mut serialized = reference.serialize();
    // The core's serialized state is the five state words, then the block count as a
    // little-endian u64.
    serialized[20..28].copy_from_slice(&blocks_before_tail.to_le_bytes());
    let mut reference = Sha1::deserialize(&serialized).expect("valid serialized state");
    reference.update(tail);

    let mut hasher = Sha1Hasher::new();
    hasher.update(&first_block);
    hasher.message_len = blocks_before_tail * 64;
    hasher.update(&tail);

    assert_eq!(hasher.message_len(), 4 * 1024 * 1024 * 1024 + 64 + 100);
    assert_eq!(hasher.finalize(), <[u8; 20]>::from(reference.finalize()));
}

proptest! {
    #[test]
    fn random_message_matches_sha1_crate(data in proptest::collection::vec(any::<u8>(), 0..5000)) {
        prop_assert_eq!(hex_of(&data), reference_hex(&data));
    }

    #[test]
    fn chunked_equals_one_shot(
        data in proptest::collection::vec(any::<u8>(), 0..5000),
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..20),
    ) {
        let mut cut_points: Vec<usize> = cuts.iter().map(|cut| cut.index(data.len() + 1)).collect();
        cut_points.sort_unstable();

        let mut hasher = Sha1Hasher::new();
        let mut start = 0;
        for end in cut_points {
            hasher.update(&data[start..end]);
            start = end;
        }
        hasher.update(&data[start..]);

        prop_assert_eq!(hasher.message_len(), data.len() as u64);
        prop_assert_eq!(hasher.finalize_hex(), hex_of(&data));
    }
}
