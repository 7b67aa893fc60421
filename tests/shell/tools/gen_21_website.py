#!/usr/bin/env python3
"""Generates ../21-website-examples.yaml from container command/args in
kubernetes/website content/en/examples/** and the task/concept pages
(Define a Command and Arguments, Init Containers, probes, lifecycle handlers,
sidecars).  Sleeps the case must wait for are scaled down (the name says so).
Kubelet `$(VAR)` expansion happens before the container starts; where an
example relies on it the argv is given post-expansion (the name says so).
"""
import os
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from yamlout import dump  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
NOTES = os.path.join(HERE, "..", "notes", "website")
W = "kubernetes/website:content/en/examples/"
D = "kubernetes/website:content/en/docs/"

cases = []


def case(name, source, argv, expect, mirrors="kubernetes website example container", **kw):
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


TWO_FILES = yaml.safe_load(open(os.path.join(NOTES, "two-files-counter-pod.yaml")))["spec"]["containers"][0]["args"][2]

# ---------------------------------------------------------------- probes / lifecycle
src = W + "pods/probe/exec-liveness.yaml"
case("exec-liveness: /tmp/healthy exists at first (sleep 30 scaled to 1)", src,
     ["/bin/sh", "-c", "touch /tmp/healthy; sleep 1; rm -f /tmp/healthy; sleep 600"],
     running(output="", files={"/tmp/healthy": ""}), until=0.5)
case("exec-liveness: /tmp/healthy is removed after the first sleep (scaled to 1)", src,
     ["/bin/sh", "-c", "touch /tmp/healthy; sleep 1; rm -f /tmp/healthy; sleep 600"],
     running(output="", files={"/tmp/healthy": None}), until=2)
case("exec-liveness probe cat /tmp/healthy fails with busybox's message once the file is gone", src,
     ["cat", "/tmp/healthy"], done(1, 0, "cat: can't open '/tmp/healthy': No such file or directory\n"))
case("exec-liveness container ignores TERM as PID 1 (kubelet would KILL it after the grace period)", src,
     ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"],
     done(137, 2, ""), signals=[{"at": 0.5, "sig": "TERM"}, {"at": 2, "sig": "KILL"}])

src = W + "pods/lifecycle-events.yaml"
case("postStart handler writes /usr/share/message", src,
     ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"],
     done(0, 0, "", files={"/usr/share/message": "Hello from the postStart handler\n"}),
     files={"/usr/share/.dir": ""})
case("preStop handler run where there is no nginx: not found, killall finds nothing, the loop ends", src,
     ["/bin/sh", "-c", "nginx -s quit; while killall -0 nginx; do sleep 1; done"],
     done(0, 0, "/bin/sh: nginx: not found\nkillall: nginx: no process killed\n"))

# ---------------------------------------------------------------- downward API / configmaps
src = W + "pods/inject/dapi-volume.yaml"
labels = 'cluster="test-cluster1"\nrack="rack-22"\nzone="us-est-coast"'
annotations = 'build="two"\nbuilder="john-doe"'
case("downward API volume: [[ -e ]] tests, echo -en '\\n\\n' and cat of labels and annotations (loop sleep 5 outlasts the case)",
     src, ["sh", "-c", "while true; do if [[ -e /etc/podinfo/labels ]]; then echo -en '\\n\\n'; cat /etc/podinfo/labels; fi; if [[ -e /etc/podinfo/annotations ]]; then echo -en '\\n\\n'; cat /etc/podinfo/annotations; fi; sleep 5; done;"],
     running(output="\n\n" + labels + "\n\n" + annotations),
     files={"/etc/podinfo/labels": labels, "/etc/podinfo/annotations": annotations}, until=1)
src = W + "pods/inject/dapi-volume-resources.yaml"
case("downward API resource files printed in a loop (sleep 5 outlasts the case)", src,
     ["sh", "-c", "while true; do echo -en '\\n'; if [[ -e /etc/podinfo/cpu_limit ]]; then echo -en '\\n'; cat /etc/podinfo/cpu_limit; fi; if [[ -e /etc/podinfo/cpu_request ]]; then echo -en '\\n'; cat /etc/podinfo/cpu_request; fi; if [[ -e /etc/podinfo/mem_limit ]]; then echo -en '\\n'; cat /etc/podinfo/mem_limit; fi; if [[ -e /etc/podinfo/mem_request ]]; then echo -en '\\n'; cat /etc/podinfo/mem_request; fi; sleep 5; done;"],
     running(output="\n\n250\n125\n64\n32"),
     files={"/etc/podinfo/cpu_limit": "250", "/etc/podinfo/cpu_request": "125",
            "/etc/podinfo/mem_limit": "64", "/etc/podinfo/mem_request": "32"}, until=1)
src = W + "pods/inject/envars-file-container.yaml"
case("setup-envfile init container writes a two-line env file (YAML \\' read as ')", src,
     ["sh", "-c", "echo \"DB_ADDRESS='address'\nREST_ENDPOINT='endpoint'\" > /data/config.env"],
     done(0, 0, "", files={"/data/config.env": "DB_ADDRESS='address'\nREST_ENDPOINT='endpoint'\n"}),
     files={"/data/.emptydir": ""})
case("use-envfile container runs env (exit code only)", src, ["/bin/sh", "-c", "env"], done(0, 0),
     env={"DB_ADDRESS": "address"})
src = W + "pods/pod-configmap-env-var-valueFrom.yaml"
case("configmap env vars in args: kubelet expands $(SPECIAL_LEVEL_KEY) $(SPECIAL_TYPE_KEY) before exec (argv given post-expansion)",
     src, ["/bin/echo", "very charm"], done(0, 0, "very charm\n"),
     env={"SPECIAL_LEVEL_KEY": "very", "SPECIAL_TYPE_KEY": "charm"},
     mirrors="kubelet $(VAR) expansion of command/args, then /bin/echo")
for f, envs in [("pods/pod-configmap-envFrom.yaml", {"SPECIAL_LEVEL": "very", "SPECIAL_TYPE": "charm"}),
                ("pods/pod-single-configmap-env-variable.yaml", {"SPECIAL_LEVEL_KEY": "very"}),
                ("pods/pod-multiple-configmap-env-variable.yaml", {"SPECIAL_LEVEL_KEY": "very", "LOG_LEVEL": "INFO"})]:
    case("%s runs /bin/sh -c env (exit code only; env order is not asserted)" % f.split("/")[-1],
         W + f, ["/bin/sh", "-c", "env"], done(0, 0), env=envs)
case("the env output contains the configmap variable (checked with grep, not upstream text)",
     W + "pods/pod-single-configmap-env-variable.yaml", ["/bin/sh", "-c", "env | grep SPECIAL_LEVEL_KEY"],
     done(0, 0, "SPECIAL_LEVEL_KEY=very\n"), env={"SPECIAL_LEVEL_KEY": "very"},
     mirrors="variant of the example's `env` restricted to one variable")
src = W + "pods/pod-configmap-volume.yaml"
case("ls of a configmap volume", src, ["/bin/sh", "-c", "ls /etc/config/"],
     done(0, 0, "SPECIAL_LEVEL\nSPECIAL_TYPE\n"),
     files={"/etc/config/SPECIAL_LEVEL": "very", "/etc/config/SPECIAL_TYPE": "charm"})
src = W + "pods/pod-configmap-volume-specific-key.yaml"
case("cat of a configmap key without a trailing newline", src, ["/bin/sh", "-c", "cat /etc/config/keys"],
     done(0, 0, "very"), files={"/etc/config/keys": "very"})

# ---------------------------------------------------------------- multi-container / sidecars
src = W + "pods/multi-container/adapter.yaml"
case("adapter sidecar: tail -F piped into a while-read loop prefixes each line", src,
     ["sh", "-c", "touch /var/log/app/raw.log; tail -F /var/log/app/raw.log | while read line; do echo \"adapted: $line\"; done"],
     running(output="adapted: event one\nadapted: event two\n"),
     files={"/var/log/app/raw.log": "event one\nevent two\n"}, until=1)
case("adapter main-app appends a line every 2 s (date in the file, only output checked)", src,
     ["sh", "-c", "while true; do echo \"$(date) raw event\" >> /var/log/app/raw.log; sleep 2; done"],
     running(output=""), files={"/var/log/app/.emptydir": ""}, until=1)
case("ambassador example main-app sleeps in a loop", W + "pods/multi-container/ambassador.yaml",
     ["sh", "-c", "while true; do sleep 3600; done"], running(output=""), until=1)
case("shared-volume init container writes index.html", W + "pods/multi-container/shared-volume.yaml",
     ["sh", "-c", "echo \"Hello from the init container\" > /content/index.html"],
     done(0, 0, "", files={"/content/index.html": "Hello from the init container\n"}),
     files={"/content/.emptydir": ""})
case("resources example setup init container", W + "pods/multi-container/resources.yaml",
     ["sh", "-c", "echo setting up"], done(0, 0, "setting up\n"))
src = W + "pods/multi-container/startup-coordination.yaml"
case("config-sidecar writes its config then sleeps", src,
     ["sh", "-c", "echo \"greeting=hello\" > /config/app.conf; while true; do sleep 3600; done"],
     running(output="", files={"/config/app.conf": "greeting=hello\n"}), files={"/config/.emptydir": ""}, until=1)
case("config-sidecar startup probe test -f /config/app.conf", src, ["test", "-f", "/config/app.conf"],
     done(0, 0, ""), files={"/config/app.conf": "greeting=hello\n"})
case("main-app cats the config written by the sidecar and sleeps", src,
     ["sh", "-c", "cat /config/app.conf; while true; do sleep 3600; done"],
     running(output="greeting=hello\n"), files={"/config/app.conf": "greeting=hello\n"}, until=1)
src = W + "pods/restart-policy/restart-all-containers.yaml"
case("setup-environment init container", src, ["sh", "-c", "echo \"Setting up environment\""],
     done(0, 0, "Setting up environment\n"))
case("watcher-sidecar exits 88 after its sleep (sleep 60 scaled to 1)", src, ["sh", "-c", "sleep 1; exit 88"],
     done(88, 1, ""))
case("main-application prints and sleeps", src, ["sh", "-c", "echo \"Application is running\"; sleep 3600"],
     running(output="Application is running\n"), until=1)

src = W + "application/deployment-sidecar.yaml"
case("sidecar example app appends 'logging' every second", src,
     ["sh", "-c", "while true; do echo \"logging\" >> /opt/logs.txt; sleep 1; done"],
     running(output="", files={"/opt/logs.txt": "logging\nlogging\nlogging\n"}), files={"/opt/.emptydir": ""}, until=2.5)
case("logshipper sidecar: tail -F prints the existing file and keeps following", src,
     ["sh", "-c", "tail -F /opt/logs.txt"], running(output="logging\nlogging\n"),
     files={"/opt/logs.txt": "logging\nlogging\n"}, until=1)
case("logshipper sidecar started before the file exists: tail -F complains and waits", src,
     ["sh", "-c", "tail -F /opt/logs.txt"],
     running(output="tail: can't open '/opt/logs.txt': No such file or directory\n"), files={"/opt/.emptydir": ""}, until=1)
case("job with a sidecar: the job container writes one line and exits", W + "application/job/job-sidecar.yaml",
     ["sh", "-c", "echo \"logging\" > /opt/logs.txt"],
     done(0, 0, "", files={"/opt/logs.txt": "logging\n"}), files={"/opt/.emptydir": ""})
case("legacy sidecar deployment, same app loop", W + "application/deployment-sidecar-legacy.yaml",
     ["sh", "-c", "while true; do echo \"logging\" >> /opt/logs.txt; sleep 1; done"],
     running(output="", files={"/opt/logs.txt": "logging\nlogging\n"}), files={"/opt/.emptydir": ""}, until=1.5)

# ---------------------------------------------------------------- jobs
case("cronjob hello: date then a greeting (date output not asserted)", W + "application/job/cronjob.yaml",
     ["/bin/sh", "-c", "date; echo Hello from the Kubernetes cluster"], done(0, 0))
case("indexed job worker reverses its input file", W + "application/job/indexed-job.yaml",
     ["rev", "/input/data.txt"], done(0, 0, "oof\n"), files={"/input/data.txt": "foo\n"})
case("job template after the documented sed substitution of $ITEM (apple), sleep 5 scaled to 1",
     W + "application/job/job-tmpl.yaml", ["sh", "-c", "echo Processing item apple && sleep 1"],
     done(0, 1, "Processing item apple\n"))
case("pod failure policy example (bash:5 image upstream, run by sh here), sleep 5 scaled to 1: exit 42",
     W + "controllers/job-pod-failure-policy-example.yaml",
     ["sh", "-c", "echo \"Hello world!\" && sleep 1 && exit 42"], done(42, 1, "Hello world!\n"))
case("pod failure policy failjob (bash:5 upstream), sleep 30 scaled to 1", W + "controllers/job-pod-failure-policy-failjob.yaml",
     ["sh", "-c", "echo \"Hello world! I'm going to exit with 42 to simulate a software bug.\" && sleep 1 && exit 42"],
     done(42, 1, "Hello world! I'm going to exit with 42 to simulate a software bug.\n"))
case("pod failure policy ignore (bash:5 upstream), sleep 90 scaled to 1", W + "controllers/job-pod-failure-policy-ignore.yaml",
     ["sh", "-c", "echo \"Hello world! I'm going to exit with 0 (success).\" && sleep 1 && exit 0"],
     done(0, 1, "Hello world! I'm going to exit with 0 (success).\n"))

# ---------------------------------------------------------------- debug / logging
case("counter pod keeps counting (lines contain date, output not asserted)", W + "debug/counter-pod.yaml",
     ["/bin/sh", "-c", "i=0; while true; do echo \"$i: $(date)\"; i=$((i+1)); sleep 1; done"], running(), until=1.5)
case("counter pod with stderr lines (date, output not asserted)", W + "debug/counter-pod-err.yaml",
     ["/bin/sh", "-c", "i=0; while true; do echo \"$i: $(date)\"; echo \"$i: err\" >&2 ; i=$((i+1)); sleep 1; done"],
     running(), until=1.5)
case("termination-log message after the sleep (sleep 10 scaled to 1)", W + "debug/termination.yaml",
     ["/bin/sh", "-c", "sleep 1 && echo Sleep expired > /dev/termination-log"],
     done(0, 1, "", files={"/dev/termination-log": "Sleep expired\n"}), files={"/dev/termination-log": ""})
case("two-files counter writes only to files, nothing to the log", W + "admin/logging/two-files-counter-pod.yaml",
     ["/bin/sh", "-c", TWO_FILES], running(output=""), files={"/var/log/.emptydir": ""}, until=1.5)
case("streaming sidecar tail -n+1 -F prints the whole file", W + "admin/logging/two-files-counter-pod-streaming-sidecar.yaml",
     ["/bin/sh", "-c", "tail -n+1 -F /var/log/1.log"], running(output="0: Mon Jan  1 00:00:00 UTC 2024\n1: Mon Jan  1 00:00:01 UTC 2024\n"),
     files={"/var/log/1.log": "0: Mon Jan  1 00:00:00 UTC 2024\n1: Mon Jan  1 00:00:01 UTC 2024\n"}, until=1)
case("dns busybox pod sleeps 3600", W + "admin/dns/busybox.yaml", ["sleep", "3600"], running(output=""), until=1)

# ---------------------------------------------------------------- plain sleepers
case("security-context demo: sh -c 'sleep 1h' (agnhost sh)", W + "pods/security/security-context-5.yaml",
     ["sh", "-c", "sleep 1h"], running(output=""), until=1)
case("hello-apparmor prints then sleeps 1h", W + "pods/security/hello-apparmor.yaml",
     ["sh", "-c", "echo 'Hello AppArmor!' && sleep 1h"], running(output="Hello AppArmor!\n"), until=1)
case("projected volume pod: args sleep 86400 with the image's default (none) entrypoint",
     W + "pods/storage/projected.yaml", ["sleep", "86400"], running(output=""), until=1)
case("service-account-token projection pod: sleep 3600", W + "pods/storage/projected-service-account-token.yaml",
     ["sleep", "3600"], running(output=""), until=1)
case("podcertificate pod: sleep infinity ignores TERM as PID 1, KILL ends it",
     W + "pods/storage/projected-podcertificate.yaml", ["sleep", "infinity"], done(137, 1.5, ""),
     signals=[{"at": 0.5, "sig": "TERM"}, {"at": 1.5, "sig": "KILL"}])
case("pod-level resources: 'sleep inf' is accepted like infinity", W + "pods/resource/pod-level-resources.yaml",
     ["sleep", "inf"], running(output=""), until=1)
case("image volume pod: sleep infinity", W + "pods/image-volumes.yaml", ["sleep", "infinity"], running(output=""), until=1)
case("hostAliases pod cats the kubelet-managed /etc/hosts", W + "service/networking/hostaliases-pod.yaml",
     ["cat", "/etc/hosts"],
     done(0, 0, "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n\n# Entries added by HostAliases.\n127.0.0.1\tfoo.local\tbar.local\n10.1.2.3\tfoo.remote\tbar.remote\n"),
     files={"/etc/hosts": "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n\n# Entries added by HostAliases.\n127.0.0.1\tfoo.local\tbar.local\n10.1.2.3\tfoo.remote\tbar.remote\n"})
case("curl deployment container idles in a sleep loop", W + "service/networking/curlpod.yaml",
     ["sh", "-c", "while true; do sleep 1; done"], running(output=""), until=1.5)
case("graceful-termination preStop hook sleep 180, scaled to sleep 1", W + "service/pod-with-graceful-termination.yaml",
     ["/bin/sh", "-c", "sleep 1"], done(0, 1, ""))
case("zookeeper start script is not in busybox: not found, 127", W + "application/zookeeper/zookeeper.yaml",
     ["sh", "-c", "start-zookeeper --servers=3 --data_dir=/var/lib/zookeeper/data --data_log_dir=/var/lib/zookeeper/data/log --conf_dir=/opt/zookeeper/conf --client_port=2181 --election_port=3888 --server_port=2888 --tick_time=2000 --init_limit=10 --sync_limit=5 --heap=512M --max_client_cnxns=60 --snap_retain_count=3 --purge_interval=12 --max_session_timeout=40000 --min_session_timeout=4000 --log_level=INFO"],
     done(127, 0, "sh: start-zookeeper: not found\n"))

# ---------------------------------------------------------------- task / concept pages
src = D + "tasks/inject-data-application/define-command-argument-container.md"
case("'Run a command in a shell': command [/bin/sh], args [-c, loop] prints hello every 10 s", src,
     ["/bin/sh", "-c", "while true; do echo hello; sleep 10;done"], running(output="hello\n"), until=1)
case("'Use environment variables to define arguments': args [\"$(MESSAGE)\"] after kubelet expansion", src,
     ["/bin/echo", "hello world"], done(0, 0, "hello world\n"), env={"MESSAGE": "hello world"},
     mirrors="kubelet $(VAR) expansion of command/args, then /bin/echo")
src = D + "concepts/workloads/pods/init-containers.md"
case("init-containers page app container: echo then sleep 3600", src,
     ["sh", "-c", "echo The app is running! && sleep 3600"], running(output="The app is running!\n"), until=1)
case("init-containers page one-liner: ash has no {1..100} brace expansion, so one iteration, dig not found, exit 1", src,
     ["sh", "-c", "for i in {1..100}; do sleep 1; if dig myservice; then exit 0; fi; done; exit 1"],
     done(1, 1, "sh: dig: not found\n"), mirrors="ash: no brace expansion; command not found")

HEADER = """# kubernetes/website examples (content/en/examples/**) and task/concept pages, run as the
# container argv.  Generated by tools/gen_21_website.py; `source:` is the file.  Sleeps the
# case has to wait for are scaled down (the name says so).  Cases whose output has dates or
# is `env` omit `output`.  Files named .emptydir / .dir only make a mount point exist.
"""

if __name__ == "__main__":
    dump(cases, os.path.join(HERE, "..", "21-website-examples.yaml"), HEADER)
    print(len(cases), "cases")
