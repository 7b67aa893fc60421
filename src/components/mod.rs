//! Small function components. Each reads props only; state changes go out through callbacks as
//! [`crate::state::Action`]s dispatched by the `App`.

pub mod actions;
pub mod drawer;
pub mod editor;
pub mod events;
pub mod examples;
pub mod kubectl_get;
pub mod legend;
pub mod lesson;
pub mod minimap;
pub mod panels;
pub mod problems;
pub mod scenario;
pub mod share;
pub mod shortcuts;
pub mod timeline;
pub mod transport;
