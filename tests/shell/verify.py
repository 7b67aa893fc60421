#!/usr/bin/env python3
"""Verify podlife shell-suite cases against the real busybox.

For every case a throw-away root is built (busybox + `--install -s` applet
links, a few standard directories, /dev/null etc.), the case's `files` are
written into it, and the container argv ([sh, -c, SCRIPT] or `argv`) is run
by nsrun.py as PID 1 of fresh PID, mount, UTS (hostname "pod") and network
(no connectivity) namespaces,
chrooted into that root, with `env -i` plus the default pod environment.
(This is `unshare --fork --pid --mount-proc chroot ROOT ...` done in Python,
because util-linux 2.38 unshare garbles the status of a signalled child.)
stdout and stderr share one pipe (like `kubectl logs`).  `signals` are sent
with kill(2) to the host PID of the namespace's PID 1 at their (real) times;
`until` makes the run be SIGKILLed at that time, and the case must then
expect "still running" (exit_code omitted/null).  exit_at must match the wall
time within +-0.3 s.

Usage: verify.py [-j N] [-k SUBSTR] [--actual] [--keep] [--no-retry] [FILE.yaml ...]

A case that fails in the parallel run is re-run once on its own (wall-clock
timing under load); it passes only if that run passes.
"""
import argparse
import concurrent.futures as cf
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
BUSYBOX = "/bin/busybox"
NSRUN = os.path.join(HERE, "nsrun.py")
DEFAULT_ENV = {
    "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "HOSTNAME": "pod",
    "HOME": "/root",
    "KUBERNETES_SERVICE_HOST": "10.96.0.1",
    "KUBERNETES_SERVICE_PORT": "443",
}
APPLETS = subprocess.run([BUSYBOX, "--list"], capture_output=True, text=True).stdout.split()
TOLERANCE = 0.3          # seconds, for exit_at
SIGS = {"TERM": signal.SIGTERM, "KILL": signal.SIGKILL, "INT": signal.SIGINT,
        "QUIT": signal.SIGQUIT, "HUP": signal.SIGHUP, "USR1": signal.SIGUSR1,
        "USR2": signal.SIGUSR2}
CASE_KEYS = {"name", "mirrors", "source", "script", "argv", "env", "files",
             "signals", "until", "expect", "note"}
EXPECT_KEYS = {"exit_code", "exit_at", "output", "files"}


def build_root(files):
    root = tempfile.mkdtemp(prefix="case-", dir=os.path.join(HERE, ".run"))
    for d in ["bin", "dev", "etc", "home", "proc", "root", "sys", "tmp",
              "usr/bin", "usr/sbin", "var/spool/mail", "var/www"]:
        os.makedirs(os.path.join(root, d), exist_ok=True)
    os.chmod(os.path.join(root, "tmp"), 0o1777)
    shutil.copy2(BUSYBOX, os.path.join(root, "bin/busybox"))
    # like `busybox --install -s /bin` (done by hand: exec'ing the fresh copy
    # from several threads can hit ETXTBSY)
    for n in APPLETS:
        if n != "busybox":
            os.symlink("/bin/busybox", os.path.join(root, "bin", n))
    for name, (maj, mnr) in {"null": (1, 3), "zero": (1, 5),
                             "random": (1, 8), "urandom": (1, 9)}.items():
        p = os.path.join(root, "dev", name)
        os.mknod(p, 0o666 | 0o020000, os.makedev(maj, mnr))
        os.chmod(p, 0o666)
    with open(os.path.join(root, "etc/passwd"), "w") as f:
        f.write("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n")
    with open(os.path.join(root, "etc/group"), "w") as f:
        f.write("root:x:0:\nnogroup:x:65534:\n")
    for path, content in (files or {}).items():
        assert path.startswith("/"), path
        p = os.path.join(root, path.lstrip("/"))
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(content)
    return root


def run_case(case, keep=False):
    if "script" in case:
        argv = ["sh", "-c", case["script"]]
    else:
        argv = [str(a) for a in case["argv"]]
    expect = case.get("expect") or {}
    env = dict(DEFAULT_ENV)
    env.update({k: str(v) for k, v in (case.get("env") or {}).items()})
    root = build_root(case.get("files"))
    until = case.get("until")
    if expect.get("exit_code") is None:
        horizon = float(until if until is not None else 100)
    else:
        horizon = float(expect.get("exit_at", 0)) + 1.5
        if until is not None:
            horizon = min(horizon, float(until))
    rfd, wfd = os.pipe()
    cmd = [sys.executable, NSRUN, root, str(wfd)] + argv
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, env=env, cwd="/", pass_fds=[wfd])
    os.close(wfd)
    out_chunks = []
    reader = threading.Thread(target=lambda: out_chunks.append(p.stdout.read()))
    reader.start()
    status_lines = []
    def read_status():
        with os.fdopen(rfd, "rb") as f:
            for ln in f:
                status_lines.append(ln.decode().strip())
    sreader = threading.Thread(target=read_status)
    sreader.start()
    pid1 = None
    while pid1 is None and time.monotonic() - t0 < 3:
        for ln in list(status_lines):
            if ln.startswith("pid "):
                pid1 = int(ln.split()[1])
                t0 = time.monotonic()  # clock starts when PID 1 is forked
            if ln.startswith("error"):
                raise RuntimeError(ln)
        if pid1 is None:
            if p.poll() is not None and not sreader.is_alive() and \
                    not any(ln.startswith("pid ") for ln in status_lines):
                raise RuntimeError("nsrun failed: %r" % status_lines)
            time.sleep(0.001)
    killed_at_until = False
    sigs = sorted(case.get("signals") or [], key=lambda s: float(s["at"]))
    si = 0
    while True:
        now = time.monotonic() - t0
        if any(ln.startswith("status ") for ln in status_lines):
            break
        if si < len(sigs) and now >= float(sigs[si]["at"]):
            try:
                os.kill(pid1, SIGS[sigs[si]["sig"]])
            except ProcessLookupError:
                pass
            si += 1
            continue
        if now >= horizon:
            killed_at_until = True
            try:
                os.kill(pid1, signal.SIGKILL)
            except ProcessLookupError:
                pass
            break
        nxt = horizon
        if si < len(sigs):
            nxt = min(nxt, float(sigs[si]["at"]))
        time.sleep(max(0.0, min(0.002, nxt - now)))
    end = time.monotonic() - t0
    p.wait()
    sreader.join()
    reader.join()
    output = (out_chunks[0] if out_chunks else b"").decode("utf-8", "replace")
    raw = [int(ln.split()[1]) for ln in status_lines if ln.startswith("status ")]
    rc = None
    if raw:
        rc = os.waitstatus_to_exitcode(raw[0])
        if rc < 0:
            rc = 128 - rc
    actual = {"output": output}
    if killed_at_until:
        actual["exit_code"] = None
    else:
        actual["exit_code"] = rc
        actual["exit_at"] = round(end, 2)
    if expect.get("files"):
        af = {}  # None = missing
        for path in expect["files"]:
            fp = os.path.join(root, path.lstrip("/"))
            try:
                with open(fp, encoding="utf-8", errors="replace") as f:
                    af[path] = f.read()
            except OSError:
                af[path] = None
        actual["files"] = af
    if not keep:
        shutil.rmtree(root, ignore_errors=True)
    return actual


def check(case, actual):
    errs = []
    bad = set(case) - CASE_KEYS
    if bad:
        errs.append("unknown case keys %s" % sorted(bad))
    if ("script" in case) == ("argv" in case):
        errs.append("exactly one of script/argv required")
    expect = case.get("expect") or {}
    bad = set(expect) - EXPECT_KEYS
    if bad:
        errs.append("unknown expect keys %s" % sorted(bad))
    want_rc = expect.get("exit_code")
    if want_rc is None:
        if case.get("until") is None:
            errs.append("still-running case needs an explicit short `until` for real-time verification")
        if actual["exit_code"] is not None:
            errs.append("expected still running, but exited %s at %.2fs" % (actual["exit_code"], actual["exit_at"]))
    else:
        if "exit_at" not in expect:
            errs.append("exit_at required with exit_code")
        if actual["exit_code"] is None:
            errs.append("expected exit %s at %s, but still running" % (want_rc, expect.get("exit_at")))
        else:
            if actual["exit_code"] != want_rc:
                errs.append("exit code %s, want %s" % (actual["exit_code"], want_rc))
            if "exit_at" in expect and abs(actual["exit_at"] - float(expect["exit_at"])) > TOLERANCE:
                errs.append("exit at %.2fs, want %s" % (actual["exit_at"], expect["exit_at"]))
    if "output" in expect and expect["output"] != actual["output"]:
        errs.append("output %r, want %r" % (actual["output"], expect["output"]))
    for path, want in (expect.get("files") or {}).items():
        # want null/None = the file must not exist at the end
        got = actual.get("files", {}).get(path)
        if got != want:
            errs.append("file %s = %r, want %r" % (path, got, want))
    # guard against sleeps that are too long for real-time checks
    horizon = case.get("until") if want_rc is None else expect.get("exit_at")
    if horizon is not None and float(horizon) > 12:
        errs.append("horizon %s s is too long for real-time verification" % horizon)
    return errs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("-j", type=int, default=8)
    ap.add_argument("-k", default=None, help="only cases whose name contains this")
    ap.add_argument("--actual", action="store_true", help="print actual results of failures")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--no-retry", action="store_true", help="do not re-run failures alone")
    a = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("must run as root (namespaces/chroot/mknod)")
    os.makedirs(os.path.join(HERE, ".run"), exist_ok=True)
    files = a.files or sorted(f for f in glob.glob(os.path.join(HERE, "[0-9][0-9]-*.yaml")))
    jobs = []
    names = {}
    for fn in files:
        with open(fn) as f:
            cases = yaml.safe_load(f) or []
        for i, c in enumerate(cases):
            if a.k and a.k not in c.get("name", ""):
                continue
            key = (os.path.basename(fn), c.get("name"))
            if key in names:
                print("DUPLICATE NAME %s: %s" % key)
            names[key] = 1
            jobs.append((os.path.basename(fn), i, c))
    results = {}
    with cf.ThreadPoolExecutor(a.j) as ex:
        futs = {ex.submit(run_case, c, a.keep): (fn, i, c) for fn, i, c in jobs}
        for fut in cf.as_completed(futs):
            fn, i, c = futs[fut]
            try:
                actual = fut.result()
                errs = check(c, actual)
            except Exception as e:  # noqa
                actual, errs = None, ["harness error: %r" % e]
            results[(fn, i)] = (c, actual, errs)
    # Wall-clock checks can be disturbed by load from the parallel run: re-run
    # each failed case once on its own before calling it a failure.
    retried = []
    for key in sorted(results):
        c, actual, errs = results[key]
        if errs and not a.no_retry:
            try:
                actual2 = run_case(c, a.keep)
                errs2 = check(c, actual2)
            except Exception as e:  # noqa
                actual2, errs2 = None, ["harness error: %r" % e]
            if not errs2:
                retried.append((key, errs))
                results[key] = (c, actual2, [])
            else:
                results[key] = (c, actual2, errs2)
    for (fn, i), first_errs in retried:
        print("RETRY-PASS %s #%d: %s (failed under parallel load, passed alone)" % (fn, i, results[(fn, i)][0].get("name")))
        for e in first_errs:
            print("     first run: " + e)
    per_file = {}
    nfail = 0
    for (fn, i) in sorted(results):
        c, actual, errs = results[(fn, i)]
        st = per_file.setdefault(fn, [0, 0])
        if errs:
            st[1] += 1
            nfail += 1
            print("FAIL %s #%d: %s" % (fn, i, c.get("name")))
            for e in errs:
                print("     " + e)
            if a.actual and actual is not None:
                print("     actual: exit_code: %s  exit_at: %s" % (actual.get("exit_code"), actual.get("exit_at")))
                print("             output: %s" % json.dumps(actual["output"]))
                for path, v in (actual.get("files") or {}).items():
                    print("             file %s: %s" % (path, json.dumps(v)))
        else:
            st[0] += 1
    print()
    tot_p = sum(v[0] for v in per_file.values())
    for fn, (p, f) in sorted(per_file.items()):
        print("%-28s %3d passed %3d failed" % (fn, p, f))
    print("%-28s %3d passed %3d failed" % ("TOTAL", tot_p, nfail))
    sys.exit(1 if nfail else 0)


if __name__ == "__main__":
    main()
