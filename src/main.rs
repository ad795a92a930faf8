use std::process::ExitCode;

/// mimalloc: the analysis makes many small, short-lived allocations (tokens, names, records),
/// which it serves faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match quotecheck::cli::run() {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("quotecheck: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
