//! The IPC commands, one module per area. Each reads its arguments and state, calls core and
//! maps the error; nothing else happens here.

pub mod app;
pub mod backups;
pub mod bundle;
pub mod learning;
pub mod packs;
pub mod plan;
pub mod portfolio;
pub mod study;
