"""align never reaches for the network or writes to HOME, and nothing but the report reaches stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys

GUARD = """
import socket, sys
def refuse(*args, **kwargs):
    sys.stderr.write("network access attempted\\n")
    raise OSError("network disabled by test")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from align.cli import main
sys.argv = ["align", "check", "--format", "json"]
main()
"""


def test_the_whole_check_runs_with_no_network_and_a_read_only_home() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHAINLP")}
    env["HOME"] = "/proc"  # not writable: pythainlp would crash creating ~/pythainlp-data
    run = subprocess.run([sys.executable, "-c", GUARD], capture_output=True, text=True, env=env, timeout=120)
    assert "network access attempted" not in run.stderr
    assert run.returncode in (0, 1), run.stderr
    assert json.loads(run.stdout)["plan"]["id"] == "bma-ict-2561-2565"
