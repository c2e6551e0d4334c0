//! `rapport export --out PATH [--format csv|json|vcard]`: every record of every table, or
//! the customers as vCards.

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
        ExportFormat::Vcard => transfer::ExportFormat::Vcard,
    };
    let counts = export(&store, &args.out, format)?;
    let out_path = crate::text::inert(&args.out.display().to_string()).into_owned();
    if format == transfer::ExportFormat::Vcard {
        let n = counts.customers;
        return emit(|out| {
            writeln!(
                out,
                "Exported {n} customer{} as vCards to {out_path} (archived customers are left out).",
                if n == 1 { "" } else { "s" }
            )
        });
    }
    emit(|out| writeln!(out, "Exported {} to {out_path}.", counts.describe()))
}
