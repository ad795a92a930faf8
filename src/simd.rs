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
