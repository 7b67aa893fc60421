//! The Chinese catalog of the details drawer's explanations ([`crate::explain`]): what each
//! slice and mark is, why it happened, and the drawer's labels. Sorted by the English text
//! (checked by `i18n`'s test); `tr` reads it after the interface's own catalog.

pub static ZH_WHY: &[(&str, &str)] = &[];
