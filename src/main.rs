use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;
use std::process::ExitCode;

use libmimalloc_sys::{mi_free, mi_malloc, mi_realloc, mi_zalloc};
use mimalloc::MiMalloc;

/// mimalloc: the analysis makes many small, short-lived allocations (tokens, names, records),
/// which it serves faster than the system allocator.
#[global_allocator]
static GLOBAL: Allocator = Allocator;

/// mimalloc, through its plain `mi_malloc` wherever its natural alignment (at least 8 bytes)
/// is enough: `MiMalloc` always calls the aligned entry points, whose blocks over 1 KiB take a
/// slow generic path (4% of a run's instructions went to the allocator).
struct Allocator;

/// Every block mimalloc hands out is aligned to at least this.
const NATURAL_ALIGN: usize = 8;

// SAFETY: each method passes its request to mimalloc, which meets the layout's alignment: the
// plain entry points only when that alignment is at most `NATURAL_ALIGN`, `MiMalloc`'s aligned
// ones otherwise. Blocks from either are freed by `mi_free`.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= NATURAL_ALIGN {
            unsafe { mi_malloc(layout.size()).cast() }
        } else {
            unsafe { MiMalloc.alloc(layout) }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= NATURAL_ALIGN {
            unsafe { mi_zalloc(layout.size()).cast() }
        } else {
            unsafe { MiMalloc.alloc_zeroed(layout) }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        unsafe { mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= NATURAL_ALIGN {
            unsafe { mi_realloc(ptr.cast::<c_void>(), new_size).cast() }
        } else {
            unsafe { MiMalloc.realloc(ptr, layout, new_size) }
        }
    }
}

fn main() -> ExitCode {
    match quotecheck::cli::run() {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("quotecheck: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
