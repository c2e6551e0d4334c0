//! Every command through the real binary, its config files, scenarios and hostile environments.

mod bad_environments;
mod cli_list;
mod cli_reclassify;
mod cli_records;
mod cli_show;
mod config_files;
mod demo;
mod scenarios;
mod several_people;
mod share;
