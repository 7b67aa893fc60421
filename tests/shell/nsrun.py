#!/usr/bin/env python3
"""Run ARGV as PID 1 of new PID+mount+UTS+network namespaces (no network), chrooted into ROOT.

usage: nsrun.py ROOT STATUS_FD ARGV...

Writes "pid <host pid of PID 1>\n" and, when it ends, "status <raw wait
status>\n" to STATUS_FD.  The container process inherits stdin/stdout/stderr
and the (already minimal) environment.  Used by verify.py; util-linux
`unshare --fork` is not used because 2.38 mis-reports a child killed by a
signal ("sigprocmask unblock failed") and writes that into the output.
"""
import ctypes
import os
import signal
import socket
import sys
import time

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWPID, CLONE_NEWNET = 0x00020000, 0x04000000, 0x20000000, 0x40000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 2, 4, 8, 16384, 1 << 18

libc = ctypes.CDLL(None, use_errno=True)
root, sfd, argv = sys.argv[1], int(sys.argv[2]), sys.argv[3:]


def die(what):
    e = ctypes.get_errno()
    os.write(sfd, ("error %s: %s\n" % (what, os.strerror(e))).encode())
    os._exit(99)


if libc.unshare(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWPID | CLONE_NEWNET) != 0:
    die("unshare")
if libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) != 0:
    die("make-rprivate")
pid = os.fork()
if pid == 0:
    try:
        # own session and process group, like a container's init: `kill 0`
        # inside the case must not reach the harness's process group
        os.setsid()
        socket.sethostname("pod")
        if libc.mount(b"proc", os.path.join(root, "proc").encode(), b"proc",
                      MS_NOSUID | MS_NODEV | MS_NOEXEC, None) != 0:
            die("mount proc")
        os.chroot(root)
        os.chdir("/")
        for s in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT):
            signal.signal(s, signal.SIG_DFL)
        os.close(sfd)
        for _ in range(50):
            try:
                os.execvpe(argv[0], argv, os.environ)
            except OSError as e:
                if e.errno != 26:  # ETXTBSY: a sibling's fork still holds the copy open
                    raise
                time.sleep(0.01)
    except Exception as e:  # noqa
        sys.stderr.write("nsrun: %s\n" % e)
        os._exit(127)
os.write(sfd, ("pid %d\n" % pid).encode())
_, status = os.waitpid(pid, 0)
os.write(sfd, ("status %d\n" % status).encode())
os._exit(0)
