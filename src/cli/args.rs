//! The command line, as docs/architecture.md (section src/cli) describes it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "rapport",
    version,
    about = "A terminal account manager dashboard: your customers grouped by relationship type, \
             with satisfaction and loyalty signals and explained reclassification.",
    after_help = "Without a command, rapport opens the dashboard. Press ? inside it for the keys."
)]
pub struct Cli {
    /// The database file (default: $RAPPORT_DB, else rapport.db in the data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Open the dashboard on the sample database (demo.db in the data folder),
    /// creating it the first time.
    #[arg(long)]
    pub demo: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill the database with a deterministic, realistic sample across all types.
    Demo(DemoArgs),
    /// Add a customer; prints its id.
    Add(AddArgs),
    /// Log an interaction with a customer.
    Log(LogArgs),
    /// Log feedback from a customer.
    Feedback(FeedbackArgs),
    /// Add a contract with a customer.
    Contract(ContractArgs),
    /// List customers with their signals.
    List(ListArgs),
    /// Show one customer, with signals and timeline.
    Show(ShowArgs),
    /// Suggest (or apply) relationship type changes for everyone.
    ///
    /// Lists every customer whose type no longer fits the evidence, with the reasons and
    /// a from → to count matrix. --apply accepts the pending moves of customers that are
    /// not pinned; moves a person rejected earlier are not applied.
    Reclassify(ReclassifyArgs),
    /// Import customers from another system's export, a spreadsheet or a vCard file, or a rapport export (all or nothing).
    Import(ImportArgs),
    /// Export everything, as a folder of CSV files or one JSON file; or the customers as vCards.
    Export(ExportArgs),
    /// Write a consistent copy of the database, safe while rapport is open elsewhere.
    Backup(BackupArgs),
    /// Check the database's integrity and that its summaries agree with its records.
    Check,
    /// Show or print the configuration.
    Config(ConfigArgs),
    /// Make the database usable by every member of a Unix group (its folder 2770, the files 0660).
    Share(ShareArgs),
    /// The rule set stored in the database, the same for everyone who shares it.
    Rules(RulesArgs),
    /// Database-wide settings: the time zone today is the date in, and the cadences.
    ///
    /// With no key, lists them all; with a key, prints its value; with a key and a value,
    /// sets it for everyone who shares the database (recorded, and undoable).
    Settings(SettingsArgs),
    /// Who changed what and when, with each field before and after, newest first.
    Activity(ActivityArgs),
    /// Take back a change: your latest, or the one numbered CHANGE (rapport activity
    /// lists the numbers), whoever made it.
    ///
    /// Refused, with the reason and nothing undone, when a later change touched the same
    /// fields or records.
    Undo(UndoArgs),
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub action: RulesAction,
}

#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// Print the rule set in use.
    Show,
    /// Replace the rule set for everyone with the one in FILE (checked first: a mistake
    /// is refused with its line, and nothing changes).
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Write the rule set in use to FILE, to edit it and import it again.
    Export {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// timezone, or cadence.TYPE (days between contacts for a relationship type).
    pub key: Option<String>,
    /// The new value.
    pub value: Option<String>,
}

#[derive(Debug, Args)]
pub struct ActivityArgs {
    /// Only changes about this customer (id, email or name).
    pub customer: Option<String>,
    /// Only changes made by this person.
    #[arg(long, value_name = "USER")]
    pub by: Option<String>,
    /// Only changes made on or after this day (YYYY-MM-DD, in the database's time zone).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// At most this many changes (0: all).
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// The number of the change to take back (default: your latest not yet undone).
    #[arg(value_name = "CHANGE")]
    pub change: Option<i64>,
}

#[derive(Debug, Args)]
pub struct ShareArgs {
    /// The Unix group whose members may read and write the database.
    #[arg(long)]
    pub group: String,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many customers to create.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub customers: u32,
    /// Seed for the generator: the same seed and RAPPORT_TODAY give the same data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Write even if the database already holds customers (they are replaced).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The customer's name.
    pub name: String,
    /// The company they work for or own.
    #[arg(long)]
    pub company: Option<String>,
    /// Email address (unique across customers).
    #[arg(long)]
    pub email: Option<String>,
    /// Phone number, as you like to write it.
    #[arg(long)]
    pub phone: Option<String>,
    /// Relationship type (pins it): transactional, long_term, loyal, collaborative,
    /// communal, contractual, supportive.
    #[arg(long = "type", value_name = "TYPE")]
    pub relationship: Option<String>,
    /// Tags, separated by commas: --tags vip,wholesale
    #[arg(long)]
    pub tags: Option<String>,
    /// The account manager.
    #[arg(long)]
    pub owner: Option<String>,
    /// The customer who referred this one (id, email or name).
    #[arg(long, value_name = "C")]
    pub referred_by: Option<String>,
    /// A note about the customer.
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// The customer: id, email or name.
    pub customer: String,
    /// purchase, call, email, meeting, support, referral, co_creation, community, note.
    #[arg(long)]
    pub kind: String,
    /// YYYY-MM-DD (default: today).
    #[arg(long)]
    pub date: Option<String>,
    /// What happened, in a few words.
    #[arg(long)]
    pub summary: Option<String>,
    /// Amount such as 120.50 (for purchases).
    #[arg(long, allow_hyphen_values = true)]
    pub amount: Option<String>,
    /// From -2 (very negative) to 2 (very positive).
    #[arg(long, allow_hyphen_values = true)]
    pub sentiment: Option<String>,
}

#[derive(Debug, Args)]
pub struct FeedbackArgs {
    /// The customer: id, email or name.
    pub customer: String,
    /// Net promoter score, 0-10.
    #[arg(long, allow_hyphen_values = true)]
    pub nps: Option<String>,
    /// Satisfaction score, 1-5.
    #[arg(long, allow_hyphen_values = true)]
    pub csat: Option<String>,
    /// praise, complaint, idea or general (default: general).
    #[arg(long)]
    pub kind: Option<String>,
    /// What the customer said.
    #[arg(long)]
    pub comment: Option<String>,
    /// YYYY-MM-DD (default: today).
    #[arg(long)]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
pub struct ContractArgs {
    /// The customer: id, email or name.
    pub customer: String,
    /// supply, distribution, franchise, service or other.
    #[arg(long)]
    pub kind: String,
    /// YYYY-MM-DD.
    #[arg(long)]
    pub start: String,
    /// YYYY-MM-DD (open-ended when absent).
    #[arg(long)]
    pub end: Option<String>,
    /// Contract value such as 12000.00.
    #[arg(long, allow_hyphen_values = true)]
    pub value: Option<String>,
    /// A note about the agreement.
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this relationship type.
    #[arg(long = "type", value_name = "TYPE")]
    pub relationship: Option<String>,
    /// Only customers whose health is in the at-risk band.
    #[arg(long)]
    pub at_risk: bool,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The customer: id, email or name.
    pub customer: String,
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct ReclassifyArgs {
    /// Accept every pending suggested move of customers that are not pinned. Pinned
    /// customers stay, and moves a person rejected earlier are not applied.
    #[arg(long)]
    pub apply: bool,
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportKind {
    Customers,
    Interactions,
    Feedback,
    Contracts,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A CSV file (yours or another system's export), a vCard file, a folder written by `rapport export`, or a JSON export.
    pub path: PathBuf,
    /// What a CSV file holds (recognised from its header when absent).
    #[arg(long, value_enum)]
    pub kind: Option<ImportKind>,
    /// Check everything and report (with the column mapping), without writing.
    #[arg(long)]
    pub dry_run: bool,
    /// Refuse rows that would change a customer already in the database (matches that
    /// change nothing pass).
    #[arg(long)]
    pub no_update: bool,
    /// The file's text encoding when it has no byte-order mark (utf-8, utf-16le,
    /// windows-1252, iso-8859-2, …); found from the bytes when absent.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// What separates the cells: `,` `;` `tab` or another single character; found from
    /// the header when absent.
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
    /// How numeric dates such as 03/04/2024 are written: dmy (3 April) or mdy (March 4);
    /// needed only when no date in the file settles it.
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_order: Option<DateOrderArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateOrderArg {
    /// Day first: 03/04/2024 is 3 April.
    Dmy,
    /// Month first: 03/04/2024 is March 4.
    Mdy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A folder of CSV files, one per table.
    Csv,
    /// One JSON file with every table.
    Json,
    /// One vCard 4.0 file of the customers, for phones and address books.
    Vcard,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A folder (CSV) or a file (JSON, vCard) to write.
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy (must not exist yet).
    pub path: PathBuf,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the fully commented default config.toml.
    #[arg(long)]
    pub print_default: bool,
}
