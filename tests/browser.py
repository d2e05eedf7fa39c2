"""A real headless browser for the HTML report's tests: Debian's chromium driven through its chromedriver.

When /usr/bin/chromium or /usr/bin/chromedriver is missing, the test setup installs Debian's `chromium` and
`chromium-driver` with apt-get (as root, or through password-less sudo), so that `pytest` on a fresh clone
needs nothing installed by hand. Playwright's own browser download does not work on our CI machines, and
Selenium Manager is never asked to download anything: the driver's path is given.

Set ALIGN_SKIP_BROWSER=1 to skip the browser tests on a machine where installing is impossible; they fail,
rather than skip, without it, so CI cannot pass without having looked at the page.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

PACKAGES = ("chromium", "chromium-driver")
APT_TIMEOUT = 900
# Flags for a headless chromium on a machine with no network and no display (../env notes): no background
# connections, no first-run UI, and every host name unresolvable, so any request the page made would fail.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--force-device-scale-factor=1",
    "--window-size=1400,1000",
)


_BROWSER_SCHEMES = ("chrome:", "chrome-untrusted:", "devtools:", "about:")


def _found() -> tuple[str, str] | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (chromium, driver) if chromium and driver else None


def ensure_chromium(announce: Callable[[str], None] = print) -> tuple[str, str]:
    """Paths of chromium and chromedriver, installing Debian's packages when they are missing (saying so in one
    line through `announce`). A lock file lets only one test process install at a time (pytest-xdist)."""
    found = _found()
    if found:
        return found
    if os.environ.get("ALIGN_SKIP_BROWSER"):
        pytest.skip("ALIGN_SKIP_BROWSER is set and chromium is not installed")
    with open(Path(tempfile.gettempdir()) / "align-tests-chromium.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _found() or _install(announce)


def _install(announce: Callable[[str], None]) -> tuple[str, str]:
    if os.geteuid() == 0:
        prefix: list[str] = []
    elif shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        prefix = ["sudo", "-n"]
    else:
        pytest.fail("the HTML report tests need Debian's chromium and chromium-driver; install them "
                    "(apt-get install chromium chromium-driver) or set ALIGN_SKIP_BROWSER=1", pytrace=False)
    announce(f"tests/browser.py: installing Debian's {' and '.join(PACKAGES)} with apt-get for the HTML report's "
             "browser tests (once per machine; ALIGN_SKIP_BROWSER=1 skips them)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [*prefix, "apt-get", "install", "-y", "-q", "--no-install-recommends",
               "-o", "DPkg::Lock::Timeout=300", *PACKAGES]
    result = subprocess.run(install, env=env, capture_output=True, text=True, timeout=APT_TIMEOUT)
    if result.returncode != 0:
        # A fresh machine may have no package lists yet.
        subprocess.run([*prefix, "apt-get", "update", "-q"], env=env, capture_output=True, timeout=APT_TIMEOUT)
        result = subprocess.run(install, env=env, capture_output=True, text=True, timeout=APT_TIMEOUT)
    found = _found()
    if result.returncode != 0 or not found:
        pytest.fail(f"installing {' '.join(PACKAGES)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}",
                    pytrace=False)
    return found


class Browser:
    """One headless chromium session."""

    def __init__(self, chromium: str, chromedriver: str, profile: Path) -> None:
        os.environ.setdefault("SE_AVOID_STATS", "true")
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in (*FLAGS, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
        self.driver.set_page_load_timeout(30)
        self.driver.get("about:blank")

    def open(self, path: Path) -> None:
        """Load a file and wait until its fonts are ready."""
        self.driver.get_log("performance")  # drop what earlier pages logged
        self.driver.get(path.resolve().as_uri())
        self.driver.execute_async_script("document.fonts.ready.then(() => arguments[0]())")

    def run(self, script: str, *args: Any) -> Any:
        """Run JavaScript in the page and return its result."""
        return self.driver.execute_script(script, *args)

    def requests(self, page: Path) -> list[str]:
        """Every URL the page asked for since it was opened, and any request to a network from anywhere.

        chromium's own pages (its new-tab page at start-up) load chrome:// resources; those are not the page's.
        """
        urls = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") != "Network.requestWillBeSent":
                continue
            params = message["params"]
            url = params["request"]["url"]
            if params.get("documentURL") == page.resolve().as_uri() or not url.startswith(_BROWSER_SCHEMES):
                urls.append(url)
        return urls

    def console(self) -> list[dict[str, Any]]:
        """Console messages (errors such as a refused load) since the last call."""
        entries: list[dict[str, Any]] = self.driver.get_log("browser")
        return entries

    def fonts_of(self, selector: str) -> list[dict[str, Any]]:
        """The fonts chromium actually used to draw the element's text (CSS.getPlatformFontsForNode)."""
        self.driver.execute_cdp_cmd("DOM.enable", {})
        self.driver.execute_cdp_cmd("CSS.enable", {})
        root = self.driver.execute_cdp_cmd("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = self.driver.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts: list[dict[str, Any]] = self.driver.execute_cdp_cmd("CSS.getPlatformFontsForNode",
                                                                  {"nodeId": node})["fonts"]
        return fonts

    def screenshot(self, path: Path, width: int = 1400) -> None:
        """A PNG of the whole page: the viewport is made as tall as the page, so boxes sized in vh show all."""
        height = 0
        for _ in range(4):
            wanted = max(1000, int(self.run("return document.documentElement.scrollHeight")))
            if wanted == height:
                break
            height = wanted
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        try:
            shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
        finally:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def window_screenshot(self, path: Path) -> None:
        """A PNG of what the window shows (e.g. with a detail panel open)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(path))

    def quit(self) -> None:
        self.driver.quit()
