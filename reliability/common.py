"""What the reliability suites share: free ports, an engine's published figures, the verdict."""
import json
import socket
import subprocess
import sys


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
    except (ValueError, KeyError):
        return {}


def verdict(suite, failed):
    """Prints the failed checks and PASS or FAIL; exits 1 when any failed."""
    for failure in failed:
        print("FAILED: " + failure)
    print("%s: %s" % (suite, "PASS" if not failed else "FAIL"))
    sys.exit(1 if failed else 0)
