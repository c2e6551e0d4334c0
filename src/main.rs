use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    rapport::tui::install_panic_message();
    let cli = rapport::cli::Cli::parse();
    ExitCode::from(rapport::cli::run(cli))
}
