# Source data for corpus.yaml (transcribed from the upstream files; see notes/).
# Each entry: (source path, container name, argv list)

K = "kubernetes/kubernetes:"
W = "kubernetes/website:"


def exec_command(name, ExitCode=0, StartDelay=0, Delay=0, LoopForever=False,
                 TerminationSeconds=0, ContainerName=""):
    """Python transcription of ExecCommand() in
    test/e2e_node/container_lifecycle_pod_construction.go"""
    time_cmd = "`date -u +%FT$(nmeter -d0 '%3t' | head -n1)Z`"
    cname = ContainerName or name
    log = "/persistent/%s.log" % cname
    cmd = "touch %s; " % log
    if ContainerName == "":
        cmd += "cat %s >> /proc/1/fd/1; " % log
    cmd += "echo %s '%s Starting %d' | tee -a %s >> /proc/1/fd/1; " % (time_cmd, name, StartDelay, log)
    cmd += "_term() { sleep %d; echo %s '%s Exiting' | tee -a %s >> /proc/1/fd/1; exit %d; }; " % (
        TerminationSeconds, time_cmd, name, log, ExitCode)
    cmd += "trap _term TERM; "
    if StartDelay != 0:
        cmd += "exec sleep %d & wait $!; " % StartDelay
    cmd += "touch started; "
    cmd += "echo %s '%s Started' | tee -a %s >> /proc/1/fd/1; " % (time_cmd, name, log)
    cmd += "echo %s '%s Delaying %d' | tee -a %s >> /proc/1/fd/1; " % (time_cmd, name, Delay, log)
    if Delay != 0:
        cmd += "exec sleep %d & wait $!; " % Delay
    if LoopForever:
        cmd += "while true; do echo %s '%s Looping' | tee -a %s >> /proc/1/fd/1 ; sleep 1 ; done; " % (time_cmd, name, log)
    cmd += "echo %s '%s Exiting'  | tee -a %s >> /proc/1/fd/1; " % (time_cmd, name, log)
    cmd += "exit %d" % ExitCode
    return ["sh", "-c", cmd]


RESTART_COUNT_SCRIPT = """
f=/restart-count/restartCount
count=$(echo 'hello' >> $f ; wc -l $f | awk {'print $1'})
if [ $count -eq 1 ]; then
\texit 1
fi
if [ $count -eq 2 ]; then
\texit 0
fi
while true; do sleep 1; done
"""

READY_TERM_30 = """
_term() {
\trm -f /tmp/ready
\tsleep 30
\texit 0
}
trap _term SIGTERM

touch /tmp/ready

while true; do
  echo \\"hello\\"
  sleep 10
done
\t\t\t"""

READY_LIVE_TERM_20 = """
_term() {
\trm -f /tmp/ready
\trm -f /tmp/liveness
\tsleep 20
\texit 0
}
trap _term SIGTERM

touch /tmp/ready
touch /tmp/liveness

while true; do
  echo \\"hello\\"
  sleep 10
done
"""

BUGGY_RESTARTABLE_INIT = """
if [ ! -f /persistent/first_run_done ]; then
  echo 'First run: creating marker and exiting with 1'
  touch /persistent/first_run_done
  exit 1
else
  echo 'Second run: marker found, running as sidecar'
  sleep 120
fi"""

MIRROR_TERM = """_term() {
echo "Caught SIGTERM signal!"
sleep 100
}
trap _term SIGTERM
sleep 1000
"""

NODE_SHUTDOWN = """
_term() {
\techo "Caught SIGTERM signal!"
\twhile true; do sleep 5; done
}
trap _term SIGTERM
while true; do sleep 5; done
"""

ENTRIES = []


def add(src, name, argv):
    ENTRIES.append({"source": src, "container": name, "argv": list(argv)})


# ---- kubernetes/kubernetes test/e2e/common/node/container_probe.go
src = K + "test/e2e/common/node/container_probe.go"
add(src, "busybox", ["/bin/sh", "-c", "echo ok >/tmp/health; sleep 10; rm -rf /tmp/health; sleep 600"])
add(src, "busybox", ["/bin/sh", "-c", "echo ok >/tmp/health; sleep 600"])
add(src, "busybox", ["/bin/sh", "-c", "sleep 600"])
add(src, "busybox (exec probe)", ["cat", "/tmp/health"])
add(src, "busybox (exec probe)", ["/bin/sh", "-c", "sleep 10"])
add(src, "busybox (exec probe)", ["/bin/sh", "-c", "sleep 10 & exit 1"])
add(src, "busybox (exec probe)", ["/bin/true"])
add(src, "busybox (exec probe)", ["/bin/false"])
add(src, "busybox", ["/bin/sh", "-c", "sleep 10; echo ok >/tmp/startup; sleep 600"])
add(src, "busybox (exec probe)", ["cat", "/tmp/startup"])
add(src, "busybox", ["/bin/sh", "-c", "echo ok >/tmp/health; sleep 32; echo ok >/tmp/startup; sleep 600"])
add(src, "busybox (exec probe)", ["/bin/cat", "/tmp/health"])
add(src, "busybox (exec probe)", ["/bin/cat", "/tmp/startup"])
add(src, "busybox", ["/bin/sh", "-c", "sleep 1000"])
add(src, "test-webserver (agnhost)", ["test-webserver"])
add(src, "agnhost", ["/agnhost", "grpc-health-checking"])
add(src, "liveness (agnhost)", ["liveness"])
add(src, "probe-test (agnhost)", ["/bin/bash", "-c", READY_TERM_30])
add(src, "probe-test (agnhost)", ["/bin/bash", "-c", READY_LIVE_TERM_20])
add(src, "probe-test (exec probe)", ["cat", "/tmp/ready"])
add(src, "probe-test (exec probe)", ["cat", "/tmp/liveness"])
add(src, "main (agnhost, sidecar tests)", ["pause"])

# ---- lifecycle_hook.go
src = K + "test/e2e/common/node/lifecycle_hook.go"
add(src, "pod-with-poststart-exec-hook (postStart exec)", ["sh", "-c", "curl http://TARGET:8080/echo?msg=poststart"])
add(src, "pod-with-prestop-exec-hook (preStop exec)", ["sh", "-c", "curl http://TARGET:8080/echo?msg=prestop"])
add(src, "container-handle-http-request (agnhost)", ["netexec"])
add(src, "container-redirect (agnhost sidecar)", ["netexec", "--udp-port", "-1"])
add(src, "container-redirect (agnhost sidecar, https)", ["netexec", "--udp-port", "-1", "--tls-cert-file", "/localhost.crt", "--tls-private-key-file", "/localhost.key"])
add(src, "pod-with-prestop-sleep-hook", ["/bin/sh", "-c", "sleep 3"])

# ---- init_container.go
src = K + "test/e2e/common/node/init_container.go"
for n in ["init1", "init2", "run1"]:
    add(src, n, ["/bin/true"])
add(src, "init1 (fails, RestartAlways)", ["/bin/false"])
add(src, "init2 (fails, RestartNever)", ["/bin/false"])

# ---- runtime.go
src = K + "test/e2e/common/node/runtime.go"
for n in ["terminate-cmd-rpa", "terminate-cmd-rpof", "terminate-cmd-rpn"]:
    add(src, n, ["sh", "-c", RESTART_COUNT_SCRIPT])
add(src, "termination-message-container", ["/bin/sh", "-c", "/bin/echo -n DONE > /dev/termination-log"])
add(src, "termination-message-container", ["/bin/sh", "-c", "/bin/echo -n DONE > /dev/termination-custom-log"])
add(src, "termination-message-container", ["/bin/sh", "-c", "/bin/echo -n DONE; /bin/false"])
add(src, "termination-message-container", ["/bin/sh", "-c", "/bin/echo -n DONE; /bin/true"])
add(src, "termination-message-container", ["/bin/sh", "-c", "/bin/echo -n OK > /dev/termination-log; /bin/echo DONE; /bin/true"])
add(src, "image-pull-test", ["/bin/sh", "-c", "while true; do sleep 1; done"])
add(src, "image-pull-test (windows)", ["ping", "-t", "localhost"])

# ---- pods.go
src = K + "test/e2e/common/node/pods.go"
add(src, "env3cont", ["sh", "-c", "env"])
add(src, "main", ["/bin/sh", "-c", "echo container is alive; sleep 600"])
add(src, "main", ["/bin/sh", "-c", "echo container is alive; sleep 10000"])
add(src, "back-off", ["/bin/sh", "-c", "sleep 5", "/crash/missing"])
add(src, "back-off-cap", ["/bin/sh", "-c", "sleep 5", "/crash/missing"])
add(src, "pod-readiness-gate", ["/bin/sh", "-c", "echo container is alive; sleep 10000"])

# ---- container_restart_policy.go
src = K + "test/e2e/common/node/container_restart_policy.go"
add(src, "main-container", ["/bin/sh", "-c", "exit 42"])
for _ in range(4):
    add(src, "main-container", ["/bin/sh", "-c", "exit 1"])
add(src, "init", ["/bin/sh", "-c", "exit 0"])
add(src, "sidecar", ["/bin/sh", "-c", "sleep 10000"])
add(src, "regular", ["/bin/sh", "-c", "sleep 10000"])
add(src, "source-container", ["/bin/sh", "-c", "if [ -f /mnt/restart-complete ]; then sleep 10000; else touch /mnt/restart-complete; exit 42; fi"])
add(src, "source-sidecar", ["/bin/sh", "-c", "if [ -f /mnt/init-complete ]; then sleep 10000; else touch /mnt/init-complete; sleep 30; exit 42; fi"])
add(src, "source-init", ["/bin/sh", "-c", "if [ -f /mnt/init-complete ]; then exit 0; else touch /mnt/init-complete; exit 42; fi"])
add(src, "source-container", ["/bin/sh", "-c", "if [ -f /mnt/restart-complete ]; then sleep 10000; else touch /mnt/restart-complete; sleep 10; exit 42; fi"])
add(src, "source-container", ["/bin/sh", "-c", "if [ -f /mnt/restart-complete ]; then sleep 10000; elif [ -f /mnt/restart-1 ]; then touch /mnt/restart-complete; exit 42; else touch /mnt/restart-1; exit 1; fi"])

# ---- e2e_node
src = K + "test/e2e_node/container_restart_test.go"
add(src, "restarts", ["sh", "-c", "exit 1"])

src = K + "test/e2e_node/container_lifecycle_test.go"
add(src, "regular-1", exec_command("regular-1", Delay=60))
add(src, "regular-2 (uses regular-1 name)", exec_command("regular-1", Delay=60))
add(src, "init-1", exec_command("init-1", Delay=60))
add(src, "regular-1", exec_command("regular-1", Delay=10, TerminationSeconds=1))
add(src, "regular-2", exec_command("regular-2", Delay=10, TerminationSeconds=1))
add(src, "regular-1", exec_command("regular-1", Delay=600))
add(src, "regular-1 (startup/liveness probe)", ["sh", "-c", "exit 1"])
add(src, "regular-1", exec_command("regular-1", Delay=10, TerminationSeconds=60, ExitCode=1))
for n in ["init-1", "init-2", "init-3"]:
    add(src, n, exec_command(n, Delay=1))
add(src, "regular-1", exec_command("regular-1", StartDelay=5, Delay=1))
add(src, "regular-1 (startup probe)", ["test", "-f", "started"])
add(src, "init-1", exec_command("init-1", Delay=1, ExitCode=1))
add(src, "regular-1", exec_command("regular-1", Delay=1))
add(src, "regular-1", exec_command("regular-1", Delay=10))
add(src, "regular-1 (postStart exec)", exec_command("PostStart-regular-1", Delay=1, ContainerName="regular-1"))
add(src, "regular-1", exec_command("regular-1", Delay=1, ExitCode=1))
add(src, "regular-2", exec_command("regular-2", Delay=1))
add(src, "init1-1 (bad image)", exec_command("init1-1", Delay=600))
add(src, "init-1", exec_command("init-1", Delay=5))
add(src, "restartable-init-2", exec_command("restartable-init-2", Delay=300))
add(src, "init-3", exec_command("init-3", Delay=5))
add(src, "regular-1", exec_command("regular-1", Delay=300))
add(src, "buggy-restartable-init", ["sh", "-c", BUGGY_RESTARTABLE_INIT])
add(src, "buggy-restartable-init (startup probe)", ["/bin/true"])
for n in ["container", "container1", "container2", "restartable-init"]:
    add(src, n, ["sleep", "3600"])

src = K + "test/e2e_node/mirror_pod_grace_period_test.go"
add(src, "m-test", ["/bin/sh", "-c", MIRROR_TERM])
src = K + "test/e2e_node/terminate_pods_test.go"
add(src, "test (preStop exec)", ["sleep", "10"])
src = K + "test/e2e_node/pods_lifecycle_termination_test.go"
add(src, "sigkill-target-container", ["sh", "-c", "trap \"echo SIGTERM caught\" SIGTERM SIGINT; touch /tmp/healthy; sleep 1000"])
add(src, "sigkill-target-container (readiness probe)", ["/bin/sh", "-c", "cat /tmp/healthy"])
src = K + "test/e2e_node/node_shutdown_linux_test.go"
for n in ["period-120", "period-5", "period-critical-120", "period-critical-5", "period-c-5", "period-b-5", "period-a-5"]:
    add(src, n, ["sh", "-c", NODE_SHUTDOWN])

src = K + "test/e2e/common/node/kubelet.go"
add(src, "busybox-scheduling-<uid>", ["sh", "-c", "echo 'Hello World' ; sleep 240"])
add(src, "bin-false<uid>", ["/bin/false"])
add(src, "agnhost-host-aliases<uid> (agnhost args)", ["etc-hosts"])
add(src, "busybox-readonly-fs<uid>", ["/bin/sh", "-c", "echo test > /file; sleep 240"])

# ---------------------------------------------------------------- kubernetes/website
import os as _os
import yaml as _yaml
_NOTES = _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "..", "notes", "website")


def _note_yaml(name):
    return _yaml.safe_load(open(_os.path.join(_NOTES, name)))


E = W + "content/en/examples/"
DOCS = W + "content/en/docs/"
add(E + "pods/commands.yaml", "command-demo-container", ["printenv", "HOSTNAME", "KUBERNETES_PORT"])
add(E + "pods/init-containers.yaml", "install", ["wget", "-O", "/work-dir/index.html", "http://info.cern.ch"])
add(E + "pods/lifecycle-events.yaml", "lifecycle-demo-container (postStart exec)", ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"])
add(E + "pods/lifecycle-events.yaml", "lifecycle-demo-container (preStop exec)", ["/bin/sh", "-c", "nginx -s quit; while killall -0 nginx; do sleep 1; done"])
add(E + "pods/probe/exec-liveness.yaml", "liveness (args only)", ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"])
add(E + "pods/probe/exec-liveness.yaml", "liveness (exec probe)", ["cat", "/tmp/healthy"])
add(E + "pods/probe/grpc-liveness.yaml", "etcd", ["/usr/local/bin/etcd", "--data-dir", "/var/lib/etcd", "--listen-client-urls", "http://0.0.0.0:2379", "--advertise-client-urls", "http://127.0.0.1:2379", "--log-level", "debug"])
add(E + "pods/inject/dapi-envars-container.yaml", "test-container", ["sh", "-c", "while true; do echo -en '\\n'; printenv MY_CPU_REQUEST MY_CPU_LIMIT; printenv MY_MEM_REQUEST MY_MEM_LIMIT; sleep 10; done;"])
add(E + "pods/inject/dapi-envars-pod.yaml", "test-container", ["sh", "-c", "while true; do echo -en '\\n'; printenv MY_NODE_NAME MY_POD_NAME MY_POD_NAMESPACE; printenv MY_POD_IP MY_POD_SERVICE_ACCOUNT; sleep 10; done;"])
add(E + "pods/inject/dapi-volume.yaml", "client-container", ["sh", "-c", "while true; do if [[ -e /etc/podinfo/labels ]]; then echo -en '\\n\\n'; cat /etc/podinfo/labels; fi; if [[ -e /etc/podinfo/annotations ]]; then echo -en '\\n\\n'; cat /etc/podinfo/annotations; fi; sleep 5; done;"])
add(E + "pods/inject/dapi-volume-resources.yaml", "client-container", ["sh", "-c", "while true; do echo -en '\\n'; if [[ -e /etc/podinfo/cpu_limit ]]; then echo -en '\\n'; cat /etc/podinfo/cpu_limit; fi; if [[ -e /etc/podinfo/cpu_request ]]; then echo -en '\\n'; cat /etc/podinfo/cpu_request; fi; if [[ -e /etc/podinfo/mem_limit ]]; then echo -en '\\n'; cat /etc/podinfo/mem_limit; fi; if [[ -e /etc/podinfo/mem_request ]]; then echo -en '\\n'; cat /etc/podinfo/mem_request; fi; sleep 5; done;"])
add(E + "pods/inject/dependent-envars.yaml", "dependent-envars-demo", ["sh", "-c", "while true; do echo -en '\\n'; echo SERVICE_ADDRESS;printenv SERVICE_ADDRESS;echo UNCHANGE_REFERENCE;printenv UNCHANGE_REFERENCE;echo ESCAPED_REFERENCE;printenv ESCAPED_REFERENCE; sleep 30; done;"])
add(E + "pods/inject/envars-file-container.yaml", "setup-envfile", ["sh", "-c", "echo \"DB_ADDRESS='address'\nREST_ENDPOINT='endpoint'\" > /data/config.env"])
add(E + "pods/inject/envars-file-container.yaml", "use-envfile", ["/bin/sh", "-c", "env"])
add(E + "pods/pod-configmap-env-var-valueFrom.yaml", "test-container", ["/bin/echo", "$(SPECIAL_LEVEL_KEY) $(SPECIAL_TYPE_KEY)"])
add(E + "pods/pod-configmap-envFrom.yaml", "test-container", ["/bin/sh", "-c", "env"])
add(E + "pods/pod-configmap-volume.yaml", "test-container", ["/bin/sh", "-c", "ls /etc/config/"])
add(E + "pods/pod-configmap-volume-specific-key.yaml", "test-container", ["/bin/sh", "-c", "cat /etc/config/keys"])
add(E + "pods/pod-multiple-configmap-env-variable.yaml", "test-container", ["/bin/sh", "-c", "env"])
add(E + "pods/pod-single-configmap-env-variable.yaml", "test-container", ["/bin/sh", "-c", "env"])
add(E + "pods/multi-container/adapter.yaml", "adapter", ["sh", "-c", "touch /var/log/app/raw.log; tail -F /var/log/app/raw.log | while read line; do echo \"adapted: $line\"; done"])
add(E + "pods/multi-container/adapter.yaml", "main-app", ["sh", "-c", "while true; do echo \"$(date) raw event\" >> /var/log/app/raw.log; sleep 2; done"])
add(E + "pods/multi-container/ambassador.yaml", "ambassador-sidecar (alpine/socat, args only)", ["tcp-listen:5432,fork", "tcp-connect:external-db.example.com:5432"])
add(E + "pods/multi-container/ambassador.yaml", "main-app", ["sh", "-c", "while true; do sleep 3600; done"])
add(E + "pods/multi-container/localhost.yaml", "client", ["sh", "-c", "while true; do wget -qO- http://localhost:80 | head -n 4; sleep 5; done"])
add(E + "pods/multi-container/resources.yaml", "setup", ["sh", "-c", "echo setting up"])
add(E + "pods/multi-container/resources.yaml", "log-shipper", ["sh", "-c", "while true; do sleep 3600; done"])
add(E + "pods/multi-container/shared-volume.yaml", "content-writer", ["sh", "-c", "echo \"Hello from the init container\" > /content/index.html"])
add(E + "pods/multi-container/startup-coordination.yaml", "config-sidecar", ["sh", "-c", "echo \"greeting=hello\" > /config/app.conf; while true; do sleep 3600; done"])
add(E + "pods/multi-container/startup-coordination.yaml", "config-sidecar (startup probe)", ["test", "-f", "/config/app.conf"])
add(E + "pods/multi-container/startup-coordination.yaml", "main-app", ["sh", "-c", "cat /config/app.conf; while true; do sleep 3600; done"])
add(E + "pods/restart-policy/restart-all-containers.yaml", "setup-environment", ["sh", "-c", "echo \"Setting up environment\""])
add(E + "pods/restart-policy/restart-all-containers.yaml", "watcher-sidecar", ["sh", "-c", "sleep 60; exit 88"])
add(E + "pods/restart-policy/restart-all-containers.yaml", "main-application", ["sh", "-c", "echo \"Application is running\"; sleep 3600"])
add(E + "pods/image-volumes.yaml", "shell", ["sleep", "infinity"])
add(E + "pods/image-volumes-subpath.yaml", "shell", ["sleep", "infinity"])
add(E + "pods/emptydir-volume-mode.yaml", "test-container", ["sleep", "3600"])
add(E + "pods/share-process-namespace.yaml", "shell", ["sleep", "3600"])
add(E + "pods/user-namespaces-stateless.yaml", "shell", ["sleep", "infinity"])
add(E + "pods/security/security-context-5.yaml", "sec-ctx-demo", ["sh", "-c", "sleep 1h"])
add(E + "pods/security/security-context-6.yaml", "sec-ctx-demo", ["sh", "-c", "sleep 1h"])
add(E + "pods/security/security-context-7.yaml", "sec-ctx-7", ["sh", "-c", "sleep 1h"])
add(E + "pods/security/hello-apparmor.yaml", "hello", ["sh", "-c", "echo 'Hello AppArmor!' && sleep 1h"])
add(E + "pods/security/hello-apparmor-2.yaml", "hello", ["sh", "-c", "echo 'Hello AppArmor!' && sleep 1h"])
add(E + "pods/security/seccomp/ga/audit-pod.yaml", "test-container (http-echo, args only)", ["-text=just made some syscalls!"])
add(E + "pods/storage/projected.yaml", "test-projected-volume (args only)", ["sleep", "86400"])
add(E + "pods/storage/projected-clustertrustbundle.yaml", "container-test", ["sleep", "3600"])
add(E + "pods/storage/projected-service-account-token.yaml", "container-test", ["sleep", "3600"])
add(E + "pods/storage/projected-podcertificate.yaml", "main", ["sleep", "infinity"])
add(E + "pods/config/redis-pod.yaml", "redis (args only)", ["/usr/local/etc/redis/redis.conf"])
add(E + "pods/resource/memory-request-limit.yaml", "memory-demo-ctr", ["stress", "--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"])
add(E + "pods/resource/memory-request-limit-2.yaml", "memory-demo-2-ctr", ["stress", "--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"])
add(E + "pods/resource/cpu-request-limit.yaml", "cpu-demo-ctr (vish/stress, args only)", ["-cpus", "2"])
add(E + "pods/resource/pod-level-resources.yaml", "pod-resources-demo-ctr-2", ["sleep", "inf"])
add(E + "application/deployment-sidecar.yaml", "myapp", ["sh", "-c", "while true; do echo \"logging\" >> /opt/logs.txt; sleep 1; done"])
add(E + "application/deployment-sidecar.yaml", "logshipper", ["sh", "-c", "tail -F /opt/logs.txt"])
add(E + "application/deployment-sidecar-legacy.yaml", "myapp", ["sh", "-c", "while true; do echo \"logging\" >> /opt/logs.txt; sleep 1; done"])
add(E + "application/deployment-sidecar-legacy.yaml", "sidecar-container", ["sh", "-c", "tail -F /opt/logs.txt"])
add(E + "application/job/job-sidecar.yaml", "myjob", ["sh", "-c", "echo \"logging\" > /opt/logs.txt"])
add(E + "application/job/job-sidecar.yaml", "logshipper", ["sh", "-c", "tail -F /opt/logs.txt"])
add(E + "application/job/job-sidecar-legacy.yaml", "myjob", ["sh", "-c", "echo \"logging\" > /opt/logs.txt"])
add(E + "application/job/job-sidecar-legacy.yaml", "logshipper", ["sh", "-c", "tail -F /opt/logs.txt"])
add(E + "application/job/cronjob.yaml", "hello", ["/bin/sh", "-c", "date; echo Hello from the Kubernetes cluster"])
add(E + "application/job/indexed-job.yaml", "input", _note_yaml("indexed-job.yaml")["spec"]["initContainers"][0]["command"])
add(E + "application/job/indexed-job.yaml", "worker", ["rev", "/input/data.txt"])
add(E + "application/job/indexed-job-vol.yaml", "worker", ["rev", "/input/data.txt"])
add(E + "application/job/job-tmpl.yaml", "c", ["sh", "-c", "echo Processing item $ITEM && sleep 5"])
_m = _note_yaml("mysql-statefulset.yaml")["spec"]["template"]["spec"]
add(E + "application/mysql/mysql-statefulset.yaml", "init-mysql", _m["initContainers"][0]["command"])
add(E + "application/mysql/mysql-statefulset.yaml", "clone-mysql", _m["initContainers"][1]["command"])
add(E + "application/mysql/mysql-statefulset.yaml", "xtrabackup", _m["containers"][1]["command"])
add(E + "application/mysql/mysql-statefulset.yaml", "mysql (liveness probe)", ["mysqladmin", "ping"])
add(E + "application/mysql/mysql-statefulset.yaml", "mysql (readiness probe)", ["mysql", "-h", "127.0.0.1", "-e", "SELECT 1"])
add(E + "application/zookeeper/zookeeper.yaml", "kubernetes-zookeeper", ["sh", "-c", "start-zookeeper --servers=3 --data_dir=/var/lib/zookeeper/data --data_log_dir=/var/lib/zookeeper/data/log --conf_dir=/opt/zookeeper/conf --client_port=2181 --election_port=3888 --server_port=2888 --tick_time=2000 --init_limit=10 --sync_limit=5 --heap=512M --max_client_cnxns=60 --snap_retain_count=3 --purge_interval=12 --max_session_timeout=40000 --min_session_timeout=4000 --log_level=INFO"])
add(E + "application/zookeeper/zookeeper.yaml", "kubernetes-zookeeper (readiness/liveness probe)", ["sh", "-c", "zookeeper-ready 2181"])
add(E + "controllers/job.yaml", "pi", ["perl", "-Mbignum=bpi", "-wle", "print bpi(1000)"])
add(E + "controllers/job-pod-failure-policy-example.yaml", "main", ["bash", "-c", "echo \"Hello world!\" && sleep 5 && exit 42"])
add(E + "controllers/job-pod-failure-policy-failjob.yaml", "main", ["bash", "-c", "echo \"Hello world! I'm going to exit with 42 to simulate a software bug.\" && sleep 30 && exit 42"])
add(E + "controllers/job-pod-failure-policy-ignore.yaml", "main", ["bash", "-c", "echo \"Hello world! I'm going to exit with 0 (success).\" && sleep 90 && exit 0"])
add(E + "controllers/job-backoff-limit-per-index-example.yaml", "example", ["python3", "-c", "import os, sys\nprint(\"Hello world\")\nif int(os.environ.get(\"JOB_COMPLETION_INDEX\")) % 2 == 0:\n  sys.exit(1)\n"])
add(E + "controllers/job-backoff-limit-per-index-failindex.yaml", "main", ["python3", "-c", "import os, sys\nindex = int(os.environ.get(\"JOB_COMPLETION_INDEX\"))\nif index == 0:\n  sys.exit(1)\nelif index == 1:\n  sys.exit(42)\nelse:\n  sys.exit(0)\n"])
add(E + "controllers/job-success-policy.yaml", "main", ["python3", "-c", "import os, sys\nif os.environ.get(\"JOB_COMPLETION_INDEX\") == \"2\":\n  sys.exit(0)\nelse:\n  sys.exit(1)\n"])
add(E + "controllers/job-success-policy-example.yaml", "main", ["python3", "-c", "import os, sys\nif os.environ.get(\"JOB_COMPLETION_INDEX\") == \"1\":\n  sys.exit(0)\nelse:\n  sys.exit(1)\n"])
add(E + "debug/counter-pod.yaml", "count (args only)", ["/bin/sh", "-c", "i=0; while true; do echo \"$i: $(date)\"; i=$((i+1)); sleep 1; done"])
add(E + "debug/counter-pod-err.yaml", "count (args only)", ["/bin/sh", "-c", "i=0; while true; do echo \"$i: $(date)\"; echo \"$i: err\" >&2 ; i=$((i+1)); sleep 1; done"])
add(E + "debug/termination.yaml", "termination-demo-container", ["/bin/sh", "-c", "sleep 10 && echo Sleep expired > /dev/termination-log"])
_two = _note_yaml("two-files-counter-pod.yaml")["spec"]["containers"][0]["args"]
add(E + "admin/logging/two-files-counter-pod.yaml", "count (args only)", _two)
add(E + "admin/logging/two-files-counter-pod-streaming-sidecar.yaml", "count (args only)", _two)
add(E + "admin/logging/two-files-counter-pod-streaming-sidecar.yaml", "count-log-1 (args only)", ["/bin/sh", "-c", "tail -n+1 -F /var/log/1.log"])
add(E + "admin/logging/two-files-counter-pod-streaming-sidecar.yaml", "count-log-2 (args only)", ["/bin/sh", "-c", "tail -n+1 -F /var/log/2.log"])
add(E + "admin/logging/two-files-counter-pod-agent-sidecar.yaml", "count (args only)", _two)
add(E + "admin/dns/busybox.yaml", "busybox", ["sleep", "3600"])
add(E + "service/networking/hostaliases-pod.yaml", "cat-hosts", ["cat", "/etc/hosts"])
add(E + "service/networking/curlpod.yaml", "curlpod", ["sh", "-c", "while true; do sleep 1; done"])
add(E + "service/pod-with-graceful-termination.yaml", "nginx (preStop exec)", ["/bin/sh", "-c", "sleep 180"])
add(E + "windows/run-as-username-pod.yaml", "run-as-username-demo", ["ping", "-t", "localhost"])
add(DOCS + "tasks/inject-data-application/define-command-argument-container.md", "(inline example)", ["/bin/echo", "$(MESSAGE)"])
add(DOCS + "tasks/inject-data-application/define-command-argument-container.md", "(inline example)", ["/bin/sh", "-c", "while true; do echo hello; sleep 10;done"])
add(DOCS + "tasks/configure-pod-container/configure-liveness-readiness-startup-probes.md", "(inline readiness probe)", ["cat", "/tmp/healthy"])
add(DOCS + "concepts/workloads/pods/init-containers.md", "myapp-container", ["sh", "-c", "echo The app is running! && sleep 3600"])
add(DOCS + "concepts/workloads/pods/init-containers.md", "init-myservice", ["sh", "-c", "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done"])
add(DOCS + "concepts/workloads/pods/init-containers.md", "init-mydb", ["sh", "-c", "until nslookup mydb.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for mydb; sleep 2; done"])
add(DOCS + "concepts/workloads/pods/init-containers.md", "(inline one-liner)", ["sh", "-c", "for i in {1..100}; do sleep 1; if dig myservice; then exit 0; fi; done; exit 1"])
add(DOCS + "concepts/workloads/pods/init-containers.md", "(inline one-liner)", ["sh", "-c", "curl -X POST http://$MANAGEMENT_SERVICE_HOST:$MANAGEMENT_SERVICE_PORT/register -d 'instance=$(<POD_NAME>)&ip=$(<POD_IP>)'"])
add(DOCS + "concepts/workloads/pods/init-containers.md", "(inline one-liner)", ["sh", "-c", "sleep 60"])
