"""The Makefile's serving targets and the oldest-Python run.

``make lab`` and ``make app`` hand PORT and HOST to ``scripts/serve``, which checks them,
passes ``--allow-root`` to JupyterLab only when run as root, opens no browser where there
is no screen, and prints the URL. Most tests read the command it would run
(``--dry-run``); two start the real servers on a free loopback port and stop them.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SERVE = ROOT / "scripts" / "serve"
IS_ROOT = os.geteuid() == 0

pytestmark = pytest.mark.skipif(
    shutil.which("make") is None or shutil.which("bash") is None, reason="no make"
)


# What a running make (e.g. `make test-oldest VENV=...`) hands down, and the screen.
_DROPPED = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "DISPLAY", "WAYLAND_DISPLAY", "OPEN_BROWSER")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    env.update(extra)
    return env


def make(*args: str) -> subprocess.CompletedProcess:
    """``make ARGS`` in the repository, as typed in a fresh shell."""
    return subprocess.run(["make", *args], cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=60)


def serve(
    *args: str, env: dict[str, str] | None = None, user: int | None = None
) -> subprocess.CompletedProcess:
    command = ["bash", str(SERVE), *args]
    if user is not None:  # run as another (non-root) user
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    return subprocess.run(
        command, cwd=ROOT, env=_env() if env is None else env, capture_output=True, text=True, timeout=60
    )


def dry(*args: str, **kwargs) -> tuple[str, list[str]]:
    """The URL line and the command (as words) that ``serve`` would run."""
    result = serve(*args, "--dry-run", **kwargs)
    assert result.returncode == 0, result.stderr
    message, command = result.stdout.splitlines()
    return message, command.split()


# --- the Makefile passes PORT and HOST -----------------------------------------------------------
@pytest.mark.parametrize("target", ["lab", "app"])
def test_make_passes_port_and_host_to_serve(target):
    result = make("-n", target, "PORT=9123", "HOST=0.0.0.0")
    assert result.returncode == 0, result.stderr
    assert f"bash scripts/serve {target} --bin '.venv/bin' --host '0.0.0.0' --port '9123'" in result.stdout


@pytest.mark.parametrize("target", ["lab", "app"])
def test_make_defaults_to_this_machine_only(target):
    result = make("-n", target)
    assert f"bash scripts/serve {target} --bin '.venv/bin' --host '127.0.0.1' --port ''" in result.stdout


def test_an_environments_host_port_and_venv_do_not_change_the_targets():
    """tcsh exports HOST (the machine's name); `make test-oldest` exports VENV to its recipes."""
    env = _env(HOST="somebox", PORT="1234", VENV=".venv-oldest")
    result = subprocess.run(
        ["make", "-n", "lab"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert "bash scripts/serve lab --bin '.venv/bin' --host '127.0.0.1' --port ''" in result.stdout


# --- ports, hosts and the printed URL ------------------------------------------------------------
@pytest.mark.parametrize(
    ("target", "port", "url", "words"),
    [
        ("lab", "8888", "http://127.0.0.1:8888/lab", ["lab", "notebooks/", "--ip=127.0.0.1", "--port=8888"]),
        (
            "app",
            "8866",
            "http://127.0.0.1:8866/",
            ["notebooks/explorer.ipynb", "--Voila.ip=127.0.0.1", "--port=8866"],
        ),
    ],
)
def test_default_ports_and_host(target, port, url, words):
    message, command = dry(target)
    assert url in message
    assert all(word in command for word in words), command
    assert any(word.endswith("port_retries=0") for word in command), "a busy port must fail, not move"


@pytest.mark.parametrize("target", ["lab", "app"])
def test_port_and_host_are_used_and_printed(target):
    message, command = dry(target, "--port", "9123", "--host", "192.0.2.7")
    assert "http://192.0.2.7:9123/" in message
    assert "--port=9123" in command
    assert ("--ip=192.0.2.7" if target == "lab" else "--Voila.ip=192.0.2.7") in command


def test_every_interface_prints_a_reachable_url():
    message, command = dry("lab", "--host", "0.0.0.0")
    assert "--ip=0.0.0.0" in command
    assert "http://127.0.0.1:8888/lab" in message and "every interface" in message


def test_an_ipv6_address_goes_in_brackets():
    message, _ = dry("app", "--host", "::1", "--port", "9000")
    assert "http://[::1]:9000/" in message


@pytest.mark.parametrize("port", ["abc", "0", "70000", "123456", "-1", "80 80"])
def test_a_bad_port_is_one_clear_line(port):
    result = serve("lab", "--port", port, "--dry-run")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"PORT={port} is not a port number" in lines[0] and "1 to 65535" in lines[0]


@pytest.mark.parametrize("host", ["", "two words", "http://x"])
def test_a_bad_host_is_one_clear_line(host):
    result = serve("app", "--host", host, "--dry-run")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "HOST=" in result.stderr


def test_an_unknown_target_is_refused():
    result = serve("notebook", "--dry-run")
    assert result.returncode == 2 and "allowed: lab, app" in result.stderr


# --- root ----------------------------------------------------------------------------------------
def test_lab_passes_allow_root_exactly_when_run_as_root():
    _, command = dry("lab")
    assert ("--allow-root" in command) == IS_ROOT


@pytest.mark.skipif(not IS_ROOT or shutil.which("setpriv") is None, reason="needs root and setpriv")
def test_lab_as_an_ordinary_user_gets_no_allow_root():
    _, command = dry("lab", user=65534)  # nobody
    assert "--allow-root" not in command


def test_app_never_gets_allow_root():
    _, command = dry("app")
    assert "--allow-root" not in command


# --- browser -------------------------------------------------------------------------------------
@pytest.mark.parametrize("target", ["lab", "app"])
def test_no_browser_without_a_screen(target):
    _, command = dry(target, env=_env())
    assert "--no-browser" in command


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS always has a screen")
@pytest.mark.parametrize("screen", [{"DISPLAY": ":0"}, {"WAYLAND_DISPLAY": "wayland-0"}])
def test_a_browser_where_there_is_a_screen_unless_told_not_to(screen):
    _, command = dry("lab", env=_env(**screen))
    assert "--no-browser" not in command
    _, command = dry("lab", env=_env(OPEN_BROWSER="no", **screen))
    assert "--no-browser" in command


# --- the real servers ----------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.parametrize(
    ("target", "ready"), [("lab", r"http://127\.0\.0\.1:{port}/lab\?token="), ("app", "")]
)
def test_the_server_starts_as_this_user_and_prints_its_url(target, ready, tmp_path):
    """JupyterLab (as root too) and Voilà start on the given port, print the URL and listen."""
    port = _free_port()
    env = _env(JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), TMPDIR=str(tmp_path), PYTHONUNBUFFERED="1")
    bin_dir = Path(sys.executable).parent
    log = tmp_path / "server.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            ["bash", str(SERVE), target, "--bin", str(bin_dir), "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped below by its id
        )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None and not _listening(port):
            time.sleep(0.25)
        text = log.read_text()
        assert proc.poll() is None, f"{target} stopped:\n{text}"
        assert _listening(port), f"{target} does not listen on {port}:\n{text}"
        assert text.splitlines()[0].startswith("spinemodel: "), text
        assert f"http://127.0.0.1:{port}/" in text.splitlines()[0]
        if ready:  # JupyterLab prints the address with its token once it is up
            pattern = ready.format(port=port)
            while time.monotonic() < deadline and not re.search(pattern, log.read_text()):
                time.sleep(0.25)
            assert re.search(pattern, log.read_text()), log.read_text()
        assert "Running as root is not recommended" not in log.read_text()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


# --- the oldest Python ----------------------------------------------------------------------------
def test_find_python_finds_the_oldest_supported_version_or_says_how():
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "find-python")], capture_output=True, text=True, timeout=60
    )
    oldest = re.search(r'requires-python = ">=(\d+\.\d+)"', (ROOT / "pyproject.toml").read_text()).group(1)
    if result.returncode == 0:
        exe = result.stdout.strip()
        version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout
        assert version.startswith(f"Python {oldest}."), version
    else:
        assert f"no Python {oldest} found" in result.stderr and "OLDEST_PYTHON=" in result.stderr


def test_make_test_oldest_runs_the_suite_in_its_own_environment(tmp_path):
    venv = tmp_path / "venv-oldest"
    result = make("-n", "test-oldest", f"OLDEST_PYTHON={sys.executable}", f"OLDEST_VENV={venv}")
    assert result.returncode == 0, result.stderr
    assert f"{sys.executable} -m venv {venv}" in result.stdout
    assert f"MPLBACKEND=Agg {venv}/bin/python -m pytest -n 2 -q" in result.stdout
    assert not venv.exists(), "make -n must not create anything"
    assert "make test-oldest" in (ROOT / ".ci" / "run").read_text()
