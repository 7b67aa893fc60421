//! What `kubectl get pod` prints at the cursor: header and row, verbatim.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct KubectlGetProps {
    pub pod: AttrValue,
    /// The table text from `kubectl::get_table` ("" when there is no timeline).
    pub table: AttrValue,
    pub stale: bool,
}

#[function_component(KubectlGet)]
pub fn kubectl_get(p: &KubectlGetProps) -> Html {
    html! {
        <div class={classes!("terminal", p.stale.then_some("stale"))} translate="no">
            <div class="prompt">{format!("$ kubectl get pod {}", p.pod)}</div>
            <pre id="kubectl-get">{p.table.clone()}</pre>
        </div>
    }
}
