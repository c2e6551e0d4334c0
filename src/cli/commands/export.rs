//! `rapport export --out PATH [--format csv|json]`: every record of every table.

use std::path::PathBuf;

use std::io::Write;

use crate::cli::output::emit;
use crate::cli::{CliResult, ExportArgs, ExportFormat, open_existing_store};
use crate::transfer::{self, export};

pub fn run(db: Option<PathBuf>, args: &ExportArgs) -> CliResult {
    let store = open_existing_store(db)?;
    let format = match args.format {
        ExportFormat::Csv => transfer::ExportFormat::Csv,
        ExportFormat::Json => transfer::ExportFormat::Json,
    };
    let counts = export(&store, &args.out, format)?;
    let out_path = crate::text::inert(&args.out.display().to_string()).into_owned();
    emit(|out| writeln!(out, "Exported {} to {out_path}.", counts.describe()))
}
