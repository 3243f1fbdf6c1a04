"""What the reliability suites share: free ports, an engine's published figures, the verdict."""
import json
import os
import socket
import subprocess
import sys
import time

# The suites feed eventsdash its input: this machine's glusterd (a test may have left one running,
# with no volume) is not asked, or every forged volume would be unverified by it.
os.environ.setdefault("EVENTSDASH_GLUSTER_CLI", "none")


def free_port(kind=socket.SOCK_DGRAM):
    """A port nothing on 127.0.0.1 uses now (UDP by default)."""
    with socket.socket(socket.AF_INET, kind) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def engine_status(eventsdash, workdir):
    """The `engine` object of `eventsdash status --json` ({} when there is none)."""
    result = subprocess.run([eventsdash, "status", "--json", "--workdir", workdir], capture_output=True, text=True)
    try:
        return json.loads(result.stdout)["output"]["engine"]
    except (ValueError, KeyError, TypeError):
        return {}


def wait_until(condition, timeout):
    """Polls `condition` every 0.2 s; True once it holds, False after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def wait_for_engine(eventsdash, workdir, timeout=20):
    """Whether the engine on `workdir` receives within `timeout` s: it holds the workdir lock before it
    binds its sockets, and publishes its first figures (with `listen`) once it has."""
    return wait_until(lambda: bool(engine_status(eventsdash, workdir).get("listen")), timeout)


def verdict(suite, failed):
    """Prints the failed checks and PASS or FAIL; exits 1 when any failed."""
    for failure in failed:
        print("FAILED: " + failure)
    print("%s: %s" % (suite, "PASS" if not failed else "FAIL"))
    sys.exit(1 if failed else 0)
