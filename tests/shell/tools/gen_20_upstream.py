#!/usr/bin/env python3
"""Generates ../20-upstream-e2e.yaml from scripts transcribed from
kubernetes/kubernetes test/e2e/common/node/*.go and test/e2e_node/*.go
(commits listed in ../notes/upstream-k8s.txt).  Sleeps longer than ~3 s are
scaled down only where the case would otherwise have to wait for them (the
case name says so); sleeps that outlast the case's `until` are kept verbatim.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus_data import (exec_command, READY_TERM_30, READY_LIVE_TERM_20,  # noqa: E402
                         BUGGY_RESTARTABLE_INIT, MIRROR_TERM, NODE_SHUTDOWN)
from yamlout import dump  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
K = "kubernetes/kubernetes:"
PROBE = K + "test/e2e/common/node/container_probe.go"
HOOK = K + "test/e2e/common/node/lifecycle_hook.go"
INIT = K + "test/e2e/common/node/init_container.go"
RUNTIME = K + "test/e2e/common/node/runtime.go"
PODS = K + "test/e2e/common/node/pods.go"
RPOL = K + "test/e2e/common/node/container_restart_policy.go"
KUBELET = K + "test/e2e/common/node/kubelet.go"
CRT = K + "test/e2e_node/container_restart_test.go"
CLT = K + "test/e2e_node/container_lifecycle_test.go"
MIRROR = K + "test/e2e_node/mirror_pod_grace_period_test.go"
TERMPODS = K + "test/e2e_node/terminate_pods_test.go"
SIGKILL = K + "test/e2e_node/pods_lifecycle_termination_test.go"
SHUTDOWN = K + "test/e2e_node/node_shutdown_linux_test.go"

cases = []


def case(name, source, argv, expect, mirrors="upstream e2e container command", **kw):
    c = {"name": name, "mirrors": mirrors, "source": source, "argv": argv}
    c.update(kw)
    c["expect"] = expect
    cases.append(c)


def done(code, at, output=None, files=None):
    e = {"exit_code": code, "exit_at": at}
    if output is not None:
        e["output"] = output
    if files is not None:
        e["files"] = files
    return e


def running(output=None, files=None):
    e = {}
    if output is not None:
        e["output"] = output
    if files is not None:
        e["files"] = files
    return e


# ------------------------------------------------------------------ container_probe.go
case("liveness-exec pod writes /tmp/health and keeps running (sleep 600 outlasts the case)",
     PROBE, ["/bin/sh", "-c", "echo ok >/tmp/health; sleep 600"],
     running(output="", files={"/tmp/health": "ok\n"}), until=1)
case("liveness-exec restart script, sleep 10 scaled to 1: /tmp/health exists during the first second",
     PROBE, ["/bin/sh", "-c", "echo ok >/tmp/health; sleep 1; rm -rf /tmp/health; sleep 600"],
     running(output="", files={"/tmp/health": "ok\n"}), until=0.5)
case("liveness-exec restart script, sleep 10 scaled to 1: /tmp/health is gone after it",
     PROBE, ["/bin/sh", "-c", "echo ok >/tmp/health; sleep 1; rm -rf /tmp/health; sleep 600"],
     running(output="", files={"/tmp/health": None}), until=2)
case("the exec probe cat /tmp/health succeeds while the file exists",
     PROBE, ["cat", "/tmp/health"], done(0, 0, "ok\n"), files={"/tmp/health": "ok\n"})
case("the exec probe cat /tmp/health fails once the file was removed",
     PROBE, ["cat", "/tmp/health"],
     done(1, 0, "cat: can't open '/tmp/health': No such file or directory\n"))
case("sh -c 'sleep 600' as PID 1 ignores TERM (no trap) and is still running",
     PROBE, ["/bin/sh", "-c", "sleep 600"], running(output=""),
     signals=[{"at": 0.5, "sig": "TERM"}], until=2)
case("sh -c 'sleep 1000' survives TERM and is ended by KILL after the (liveness-probe) grace period, 137",
     PROBE, ["/bin/sh", "-c", "sleep 1000"], done(137, 2, ""),
     signals=[{"at": 0.5, "sig": "TERM"}, {"at": 2, "sig": "KILL"}])
case("exec probe 'sleep 10' scaled to 'sleep 1' exits 0 after the sleep",
     PROBE, ["/bin/sh", "-c", "sleep 1"], done(0, 1, ""))
case("exec probe 'sleep 10 & exit 1' exits 1 at once, leaving the background sleep",
     PROBE, ["/bin/sh", "-c", "sleep 10 & exit 1"], done(1, 0, ""))
case("exec probe /bin/true", PROBE, ["/bin/true"], done(0, 0, ""))
case("exec probe /bin/false", PROBE, ["/bin/false"], done(1, 0, ""))
case("startup script, sleep 10 scaled to 1: /tmp/startup appears after the sleep",
     PROBE, ["/bin/sh", "-c", "sleep 1; echo ok >/tmp/startup; sleep 600"],
     running(output="", files={"/tmp/startup": "ok\n"}), until=1.5)
case("startup script, sleep 10 scaled to 1: no /tmp/startup before the sleep ends",
     PROBE, ["/bin/sh", "-c", "sleep 1; echo ok >/tmp/startup; sleep 600"],
     running(output="", files={"/tmp/startup": None}), until=0.5)
case("readiness-after-startup script, sleep 32 scaled to 1",
     PROBE, ["/bin/sh", "-c", "echo ok >/tmp/health; sleep 1; echo ok >/tmp/startup; sleep 600"],
     running(output="", files={"/tmp/health": "ok\n", "/tmp/startup": "ok\n"}), until=1.5)

scaled30 = READY_TERM_30.replace("sleep 30", "sleep 1").replace("sleep 10", "sleep 1")
case("readiness during termination (upstream runs it with bash in agnhost), sleeps 30 and 10 scaled to 1: "
     "TERM at 1.5 runs _term after the loop's current sleep, which removes /tmp/ready, sleeps and exits 0",
     PROBE, ["sh", "-c", scaled30],
     done(0, 3, "\"hello\"\n\"hello\"\n", files={"/tmp/ready": None}),
     signals=[{"at": 1.5, "sig": "TERM"}],
     mirrors="trap _term SIGTERM; handler runs after the foreground sleep")
scaled20 = READY_LIVE_TERM_20.replace("sleep 20", "sleep 1").replace("sleep 10", "sleep 1")
case("readiness+liveness during termination (bash in agnhost upstream), sleeps 20 and 10 scaled to 1",
     PROBE, ["sh", "-c", scaled20],
     done(0, 3, "\"hello\"\n\"hello\"\n", files={"/tmp/ready": None, "/tmp/liveness": None}),
     signals=[{"at": 1.5, "sig": "TERM"}],
     mirrors="trap _term SIGTERM; handler runs after the foreground sleep")
case("readiness during termination script without any signal keeps printing \"hello\" (sleep 10 scaled to 1)",
     PROBE, ["sh", "-c", scaled30],
     running(output="\"hello\"\n\"hello\"\n\"hello\"\n", files={"/tmp/ready": ""}), until=2.5)

# ------------------------------------------------------------------ lifecycle_hook.go
case("prestop-sleep-hook test container: sh -c 'sleep 3' exits 0 after 3 s",
     HOOK, ["/bin/sh", "-c", "sleep 3"], done(0, 3, ""))

# ------------------------------------------------------------------ init_container.go
case("init container /bin/true", INIT, ["/bin/true"], done(0, 0, ""))
case("init container /bin/false fails the init", INIT, ["/bin/false"], done(1, 0, ""))

# ------------------------------------------------------------------ runtime.go
rc_script = ("\nf=/restart-count/restartCount\n"
             "count=$(echo 'hello' >> $f ; wc -l $f | awk {'print $1'})\n"
             "if [ $count -eq 1 ]; then\n\texit 1\nfi\n"
             "if [ $count -eq 2 ]; then\n\texit 0\nfi\n"
             "while true; do sleep 1; done\n")
case("restart-count script, first run: one line in the counter file, exit 1",
     RUNTIME, ["sh", "-c", rc_script],
     done(1, 0, "", files={"/restart-count/restartCount": "hello\n"}),
     files={"/restart-count/.emptydir": ""})
case("restart-count script, second run (counter file from the first run): exit 0",
     RUNTIME, ["sh", "-c", rc_script],
     done(0, 0, "", files={"/restart-count/restartCount": "hello\nhello\n"}),
     files={"/restart-count/restartCount": "hello\n"})
case("restart-count script, third run: runs forever",
     RUNTIME, ["sh", "-c", rc_script],
     running(output="", files={"/restart-count/restartCount": "hello\nhello\nhello\n"}),
     files={"/restart-count/restartCount": "hello\nhello\n"}, until=1.5)
case("termination message written to /dev/termination-log",
     RUNTIME, ["/bin/sh", "-c", "/bin/echo -n DONE > /dev/termination-log"],
     done(0, 0, "", files={"/dev/termination-log": "DONE"}), files={"/dev/termination-log": ""})
case("termination message written to a custom path",
     RUNTIME, ["/bin/sh", "-c", "/bin/echo -n DONE > /dev/termination-custom-log"],
     done(0, 0, "", files={"/dev/termination-custom-log": "DONE"}), files={"/dev/termination-custom-log": ""})
case("FallbackToLogsOnError: the log is DONE (no newline) and the container fails",
     RUNTIME, ["/bin/sh", "-c", "/bin/echo -n DONE; /bin/false"], done(1, 0, "DONE"))
case("FallbackToLogsOnError, succeeding container",
     RUNTIME, ["/bin/sh", "-c", "/bin/echo -n DONE; /bin/true"], done(0, 0, "DONE"))
case("termination message from file and DONE in the log",
     RUNTIME, ["/bin/sh", "-c", "/bin/echo -n OK > /dev/termination-log; /bin/echo DONE; /bin/true"],
     done(0, 0, "DONE\n", files={"/dev/termination-log": "OK"}), files={"/dev/termination-log": ""})
case("image-pull-test container loops forever",
     RUNTIME, ["/bin/sh", "-c", "while true; do sleep 1; done"], running(output=""), until=2.5)

# ------------------------------------------------------------------ pods.go
case("logs over websocket: exactly 'container is alive\\n' then sleeps",
     PODS, ["/bin/sh", "-c", "echo container is alive; sleep 10000"],
     running(output="container is alive\n"), until=1)
case("exec over websocket pod: prints and sleeps 600",
     PODS, ["/bin/sh", "-c", "echo container is alive; sleep 600"],
     running(output="container is alive\n"), until=1)
case("back-off pod: extra argv after the script becomes $0 and is ignored, sleep 5 scaled to 1",
     PODS, ["/bin/sh", "-c", "sleep 1", "/crash/missing"], done(0, 1, ""))
case("service env vars pod runs env (exit code only; env output order is not asserted)",
     PODS, ["sh", "-c", "env"], done(0, 0))

# ------------------------------------------------------------------ container_restart_policy.go
case("restart-rules container exits 42", RPOL, ["/bin/sh", "-c", "exit 42"], done(42, 0, ""))
case("restart-rules container exits 1", RPOL, ["/bin/sh", "-c", "exit 1"], done(1, 0, ""))
case("RestartAllContainers init container exits 0", RPOL, ["/bin/sh", "-c", "exit 0"], done(0, 0, ""))
case("RestartAllContainers sidecar/regular container sleeps",
     RPOL, ["/bin/sh", "-c", "sleep 10000"], running(output=""), until=1)
src_c = "if [ -f /mnt/restart-complete ]; then sleep 10000; else touch /mnt/restart-complete; exit 42; fi"
case("source-container first run: creates the marker and exits 42",
     RPOL, ["/bin/sh", "-c", src_c], done(42, 0, "", files={"/mnt/restart-complete": ""}),
     files={"/mnt/.emptydir": ""})
case("source-container after the restart (marker present): sleeps",
     RPOL, ["/bin/sh", "-c", src_c], running(output=""), files={"/mnt/restart-complete": ""}, until=1)
src_s = "if [ -f /mnt/init-complete ]; then sleep 10000; else touch /mnt/init-complete; sleep 1; exit 42; fi"
case("source-sidecar first run, sleep 30 scaled to 1: marker, sleep, exit 42",
     RPOL, ["/bin/sh", "-c", src_s], done(42, 1, "", files={"/mnt/init-complete": ""}),
     files={"/mnt/.emptydir": ""})
src_i = "if [ -f /mnt/init-complete ]; then exit 0; else touch /mnt/init-complete; exit 42; fi"
case("source-init first run exits 42", RPOL, ["/bin/sh", "-c", src_i],
     done(42, 0, "", files={"/mnt/init-complete": ""}), files={"/mnt/.emptydir": ""})
case("source-init second run exits 0", RPOL, ["/bin/sh", "-c", src_i], done(0, 0, ""),
     files={"/mnt/init-complete": ""})
src_m = ("if [ -f /mnt/restart-complete ]; then sleep 10000; elif [ -f /mnt/restart-1 ]; then "
         "touch /mnt/restart-complete; exit 42; else touch /mnt/restart-1; exit 1; fi")
case("three-stage restart script, run 1: exit 1", RPOL, ["/bin/sh", "-c", src_m],
     done(1, 0, "", files={"/mnt/restart-1": "", "/mnt/restart-complete": None}), files={"/mnt/.emptydir": ""})
case("three-stage restart script, run 2: exit 42", RPOL, ["/bin/sh", "-c", src_m],
     done(42, 0, "", files={"/mnt/restart-complete": ""}), files={"/mnt/restart-1": ""})
case("three-stage restart script, run 3: sleeps", RPOL, ["/bin/sh", "-c", src_m],
     running(output=""), files={"/mnt/restart-1": "", "/mnt/restart-complete": ""}, until=1)

# ------------------------------------------------------------------ kubelet.go
case("busybox prints Hello World to the log and sleeps 240",
     KUBELET, ["sh", "-c", "echo 'Hello World' ; sleep 240"], running(output="Hello World\n"), until=1)
case("busybox /bin/false has a non-zero exit", KUBELET, ["/bin/false"], done(1, 0, ""))
case("error messages are prefixed with argv[0] as given (/bin/sh: ...), like upstream's read-only-fs expectation",
     KUBELET, ["/bin/sh", "-c", "echo test > /nodir/file; sleep 1"],
     done(0, 1, "/bin/sh: can't create /nodir/file: nonexistent directory\n"),
     mirrors="kubelet.go expects \"/bin/sh: can't create /file: Read-only file system\\n\"; the read-only root is not reproduced, the argv[0] prefix is")

# ------------------------------------------------------------------ e2e_node/container_restart_test.go
case("fail-always container: sh -c 'exit 1'", CRT, ["sh", "-c", "exit 1"], done(1, 0, ""))

# ------------------------------------------------------------------ e2e_node/container_lifecycle_test.go (ExecCommand)
P = {"/persistent/.emptydir": ""}
case("ExecCommand init container {Delay: 1}: exits 0 after the backgrounded 'exec sleep 1 & wait $!' "
     "(log lines carry timestamps, output not asserted)",
     CLT, exec_command("init-1", Delay=1), done(0, 1), files=P)
case("ExecCommand {Delay: 1, ExitCode: 1} exits 1 after one second (output not asserted)",
     CLT, exec_command("init-1", Delay=1, ExitCode=1), done(1, 1), files=P)
case("ExecCommand {StartDelay: 5, Delay: 1}, StartDelay scaled to 1: exits after 2 s and creates ./started",
     CLT, exec_command("regular-1", StartDelay=1, Delay=1), done(0, 2, files={"/started": ""}), files=P)
case("ExecCommand {Delay: 10, TerminationSeconds: 1}, Delay scaled to 3: TERM interrupts wait, _term sleeps 1 and exits 0",
     CLT, exec_command("regular-1", Delay=3, TerminationSeconds=1), done(0, 2), files=P,
     signals=[{"at": 1, "sig": "TERM"}], mirrors="trap _term TERM + wait is interrupted by a trapped signal")
case("ExecCommand {Delay: 10, TerminationSeconds: 60, ExitCode: 1}, scaled to Delay 3 / TerminationSeconds 1: TERM -> exit 1",
     CLT, exec_command("regular-1", Delay=3, TerminationSeconds=1, ExitCode=1), done(1, 1.5), files=P,
     signals=[{"at": 0.5, "sig": "TERM"}], mirrors="trap _term TERM + wait is interrupted by a trapped signal")
case("ExecCommand {Delay: 600} keeps running (output not asserted)",
     CLT, exec_command("regular-1", Delay=600), running(files={"/started": ""}), files=P, until=1)
case("ExecCommand {Delay: 600} with TerminationSeconds 0: TERM makes _term exit 0 at once",
     CLT, exec_command("regular-1", Delay=600), done(0, 1), files=P,
     signals=[{"at": 1, "sig": "TERM"}], mirrors="trap _term TERM + wait is interrupted by a trapped signal")
case("ExecCommand postStart hook variant (ContainerName set, no log replay), Delay 1",
     CLT, exec_command("PostStart-regular-1", Delay=1, ContainerName="regular-1"), done(0, 1), files=P)
case("startup probe 'test -f started' succeeds once the container created ./started",
     CLT, ["test", "-f", "started"], done(0, 0, ""), files={"/started": ""})
case("startup probe 'test -f started' fails before that", CLT, ["test", "-f", "started"], done(1, 0, ""))
case("startup/liveness probe sh -c 'exit 1'", CLT, ["sh", "-c", "exit 1"], done(1, 0, ""))
case("buggy restartable init, first run: prints, creates the marker, exits 1",
     CLT, ["sh", "-c", BUGGY_RESTARTABLE_INIT],
     done(1, 0, "First run: creating marker and exiting with 1\n", files={"/persistent/first_run_done": ""}),
     files=P)
case("buggy restartable init, second run: marker found, runs as a sidecar (sleep 120)",
     CLT, ["sh", "-c", BUGGY_RESTARTABLE_INIT],
     running(output="Second run: marker found, running as sidecar\n"),
     files={"/persistent/first_run_done": ""}, until=1)
case("plain argv sleep 3600 container keeps running", CLT, ["sleep", "3600"], running(output=""), until=1)

# ------------------------------------------------------------------ e2e_node termination tests
case("mirror pod: TERM is trapped but the handler waits for the foreground 'sleep 1000'; KILL at the end of the grace period (scaled) gives 137",
     MIRROR, ["/bin/sh", "-c", MIRROR_TERM], done(137, 2.5, ""),
     signals=[{"at": 0.5, "sig": "TERM"}, {"at": 2.5, "sig": "KILL"}],
     mirrors="ash runs the trap only after the foreground command; SIGKILL ends PID 1")
case("preStop hook argv sleep 10 scaled to sleep 1", TERMPODS, ["sleep", "1"], done(0, 1, ""))
case("SIGKILL test pod: trap on SIGTERM SIGINT never gets to run during 'sleep 1000'; KILL after the 5 s grace period (scaled) gives 137",
     SIGKILL, ["sh", "-c", "trap \"echo SIGTERM caught\" SIGTERM SIGINT; touch /tmp/healthy; sleep 1000"],
     done(137, 2, "", files={"/tmp/healthy": ""}),
     signals=[{"at": 0.5, "sig": "TERM"}, {"at": 2, "sig": "KILL"}],
     mirrors="ash runs the trap only after the foreground command; SIGKILL ends PID 1")
case("SIGKILL test pod readiness probe cat /tmp/healthy", SIGKILL, ["/bin/sh", "-c", "cat /tmp/healthy"],
     done(0, 0, ""), files={"/tmp/healthy": ""})
shutdown1 = NODE_SHUTDOWN.replace("sleep 5", "sleep 1")
case("graceful node shutdown pod, sleep 5 scaled to 1: TERM handled after the current sleep, the handler loops until KILL",
     SHUTDOWN, ["sh", "-c", shutdown1], done(137, 2.5, "Caught SIGTERM signal!\n"),
     signals=[{"at": 0.5, "sig": "TERM"}, {"at": 2.5, "sig": "KILL"}],
     mirrors="trap _term SIGTERM; handler after the foreground sleep; SIGKILL ends PID 1")

HEADER = """# Upstream Kubernetes e2e container scripts (kubernetes/kubernetes test/e2e/common/node,
# test/e2e_node), run as the container argv.  Generated by tools/gen_20_upstream.py;
# `source:` is the Go file.  Sleeps that the case has to wait for are scaled down
# (the name says so); a few cases omit `output` because it has timestamps (date)
# or is `env`.  Files named .emptydir only make the emptyDir mount point exist.
"""

if __name__ == "__main__":
    dump(cases, os.path.join(HERE, "..", "20-upstream-e2e.yaml"), HEADER)
    print(len(cases), "cases")
