use std::process::ExitCode;

fn main() -> ExitCode {
    match quotecheck::cli::run() {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("quotecheck: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
