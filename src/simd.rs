//! What the processor offers beyond baseline x86-64, for the byte scans that classify 32 or 64
//! bytes at a time (tokens, quotation marks, JSON strings). SSE2 is part of x86-64 and needs no
//! test; std caches each answer, so asking costs a load.

/// Does the processor have AVX2 (and may `#[target_feature(enable = "avx2")]` code run)?
#[inline]
pub fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    return std::is_x86_feature_detected!("avx2");
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// The positions of `\n` in `bytes`, in order, as `memchr::memchr_iter` gives them, but found 64
/// bytes at a time as a bit mask: news paragraphs are lines of a few hundred bytes, and
/// `memchr`'s set-up on each call cost more than its search (about 70 instructions a line).
pub fn newlines(bytes: &[u8]) -> Newlines<'_> {
    Newlines {
        bytes,
        base: 0,
        next: 0,
        mask: 0,
        avx2: has_avx2(),
    }
}

pub struct Newlines<'b> {
    bytes: &'b [u8],
    /// Where the block that `mask` holds starts.
    base: usize,
    /// Where the next block starts.
    next: usize,
    /// The block's newlines not given yet, a bit each.
    mask: u64,
    /// Whether a block is two AVX2 compares, not four SSE2 ones.
    avx2: bool,
}

impl Iterator for Newlines<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            let rest = self.bytes.get(self.next..).filter(|r| !r.is_empty())?;
            self.base = self.next;
            self.mask = newline_mask(rest, self.avx2);
            self.next += 64;
        }
        let i = self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(self.base + i)
    }
}

/// A bit for each `\n` among the first 64 bytes of `rest` (the last block is padded with
/// zeros).
fn newline_mask(rest: &[u8], avx2: bool) -> u64 {
    match rest.first_chunk::<64>() {
        Some(block) => newline_mask64(block, avx2),
        None => {
            let mut block = [0; 64];
            block[..rest.len()].copy_from_slice(rest);
            newline_mask64(&block, avx2)
        }
    }
}

#[cfg(target_arch = "x86_64")]
fn newline_mask64(block: &[u8; 64], avx2: bool) -> u64 {
    if avx2 {
        // SAFETY: `avx2` is `has_avx2()`.
        return unsafe { newline_mask64_avx2(block) };
    }
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
    };
    let mut mask = 0;
    // SAFETY: SSE2 is part of x86-64; bytes 16i..16i + 16 lie inside the 64-byte block, and
    // the load needs no alignment.
    unsafe {
        let newline = _mm_set1_epi8(b'\n' as i8);
        for i in 0..4 {
            let v = _mm_loadu_si128(block.as_ptr().add(16 * i).cast::<__m128i>());
            let bits = _mm_movemask_epi8(_mm_cmpeq_epi8(v, newline)) as u16;
            mask |= u64::from(bits) << (16 * i);
        }
    }
    mask
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn newline_mask64_avx2(block: &[u8; 64]) -> u64 {
    use std::arch::x86_64::{
        __m256i, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_set1_epi8,
    };
    let newline = _mm256_set1_epi8(b'\n' as i8);
    // SAFETY: bytes 0..32 and 32..64 lie inside the 64-byte block; the load needs no alignment.
    let (x, y) = unsafe {
        let p = block.as_ptr().cast::<__m256i>();
        (_mm256_loadu_si256(p), _mm256_loadu_si256(p.add(1)))
    };
    let low = _mm256_movemask_epi8(_mm256_cmpeq_epi8(x, newline)) as u32;
    let high = _mm256_movemask_epi8(_mm256_cmpeq_epi8(y, newline)) as u32;
    u64::from(low) | u64::from(high) << 32
}

#[cfg(not(target_arch = "x86_64"))]
fn newline_mask64(block: &[u8; 64], _avx2: bool) -> u64 {
    (0..64).fold(0, |mask, i| mask | u64::from(block[i] == b'\n') << i)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// `newlines` finds what `memchr_iter` finds, whatever the length and where the lines
        /// fall against the 64-byte blocks.
        #[test]
        fn newlines_as_memchr(bytes in proptest::collection::vec(
            prop_oneof![Just(b'\n'), Just(b'a'), Just(0u8), Just(0x8a_u8), any::<u8>()], 0..300)
        ) {
            let expected: Vec<usize> = memchr::memchr_iter(b'\n', &bytes).collect();
            for avx2 in [false, super::has_avx2()] {
                let found: Vec<usize> = super::Newlines { avx2, ..super::newlines(&bytes) }.collect();
                prop_assert_eq!(&found, &expected);
            }
        }
    }

    #[test]
    fn newlines_at_block_edges() {
        for len in [0, 1, 63, 64, 65, 127, 128, 129] {
            let mut bytes = vec![b'x'; len];
            for i in [0, 62, 63, 64, 65, 127, 128] {
                if i < len {
                    bytes[i] = b'\n';
                }
            }
            let expected: Vec<usize> = memchr::memchr_iter(b'\n', &bytes).collect();
            for avx2 in [false, super::has_avx2()] {
                let found: Vec<usize> = super::Newlines {
                    avx2,
                    ..super::newlines(&bytes)
                }
                .collect();
                assert_eq!(found, expected, "{len} {avx2}");
            }
        }
    }
}
