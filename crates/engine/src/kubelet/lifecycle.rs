//! Lifecycle hooks: `pkg/kubelet/lifecycle/handlers.go` (`HandlerRunner.Run`,
//! `runSleepHandler`) and their callers in `kuberuntime_container.go` (`startContainer` runs
//! postStart synchronously after StartContainer; `executePreStopHook` runs preStop inside
//! `killContainer`, waiting at most the grace period).
//!
//! rule: post-start-hook

use crate::process::{self, Process};
use crate::time::Time;
use k8s_openapi::api::core::v1::LifecycleHandler;

/// A running hook.
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)] // at most two per container run
pub enum Hook {
    /// An exec hook's process (ExecSync with no timeout).
    Exec(Process),
    /// A sleep hook (`PodLifecycleSleepAction`) or an HTTP hook modelled as instant.
    Timed {
        until: Time,
        ok: bool,
        message: String,
    },
}

impl Hook {
    /// When the hook next needs attention.
    pub fn next_wake(&self) -> Option<Time> {
        match self {
            Hook::Exec(p) => p.next_wake(),
            Hook::Timed { until, .. } => Some(*until),
        }
    }
    /// `Some(Ok(()))` when finished successfully, `Some(Err(msg))` when it failed.
    pub fn outcome(&self, now: Time) -> Option<Result<(), String>> {
        match self {
            Hook::Exec(p) => p.exit().map(|(code, _)| {
                if code == 0 {
                    Ok(())
                } else {
                    Err(format!(
                        "command terminated with exit code {code}: {}",
                        p.output.trim_end()
                    ))
                }
            }),
            Hook::Timed { until, ok, message } => {
                (*until <= now).then(|| if *ok { Ok(()) } else { Err(message.clone()) })
            }
        }
    }
}

/// Describe a hook's handler for messages: `[sh -c sleep 5]` style.
pub fn exec_command(h: &LifecycleHandler) -> Option<Vec<String>> {
    h.exec
        .as_ref()
        .map(|e| e.command.clone().unwrap_or_default())
}

/// Start a hook at `now`. `serving`: the container is listening (for HTTP hooks).
#[allow(clippy::too_many_arguments)] // the hook's inputs, as `runner.Run` takes them
pub fn start(
    h: &LifecycleHandler,
    image: &process::images::ImageInfo,
    now: Time,
    fs: &mut process::FsView,
    serving: bool,
    world: &dyn process::World,
    sleep_gate: bool,
    budget: u64,
) -> Hook {
    if let Some(cmd) = exec_command(h) {
        return Hook::Exec(process::spawn_with(
            image, &cmd, budget, true, now, fs, world,
        ));
    }
    if let Some(s) = &h.sleep {
        // `runSleepHandler`: with PodLifecycleSleepAction off the hook is a no-op.
        if !sleep_gate {
            return Hook::Timed {
                until: now,
                ok: true,
                message: String::new(),
            };
        }
        return Hook::Timed {
            until: now + Time::from_secs(s.seconds.max(0)),
            ok: true,
            message: String::new(),
        };
    }
    if h.http_get.is_some() {
        let msg = if serving {
            String::new()
        } else {
            "connect: connection refused".to_string()
        };
        return Hook::Timed {
            until: now,
            ok: serving,
            message: msg,
        };
    }
    Hook::Timed {
        until: now,
        ok: true,
        message: String::new(),
    }
}
