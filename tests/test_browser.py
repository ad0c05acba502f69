"""The course as a person meets it: the README's ``./course lab`` on a free local
port, driven by headless Chromium (Debian's chromium and chromium-driver,
selenium from PyPI; ``./course test`` installs the browser where it runs as
root, as in CI).

In a throw-away copy of the course (with an exchange holding the released
lottery-tickets lab), a student opens their copy of the lab, runs it, and sees
the stub's failing visible check as its sentence; opens the Validate dialog;
runs a wrong implementation from the lab's bank and sees that check's
sentence; opens the Assignments and Formgrader tabs. Opening a lab must not
mark it modified. Screenshots of each step are kept in the test's folder.
"""
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from autograder import harness

from course_copy import copy_working_tree, free_port
from sentences import flat
from test_student_view import cells_up_to_first_check, expected_sentence, wrong_answer

REPO = Path(__file__).resolve().parent.parent
LAB = "lottery_tickets"
pytestmark = pytest.mark.slow

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


def require_browser():
    if CHROMIUM and CHROMEDRIVER:
        return
    reason = ("no chromium/chromedriver on this machine (Debian: apt-get install chromium "
              "chromium-driver; ./course test installs them when it runs as root)")
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; in CI the browser tests must run")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A copy of the course with an exchange in which the lab is released."""
    require_browser()
    root = tmp_path_factory.mktemp("browser")
    copy = root / "course"
    copy.mkdir()
    copy_working_tree(copy)
    exchange = root / "exchange"
    exchange.mkdir(mode=0o1777)
    with open(copy / "nbgrader_config.py", "a") as config:
        config.write(f"\nc.Exchange.root = {str(exchange)!r}\n")
    env = {**os.environ, "TFDL_VENV": sys.prefix,
           "JUPYTERLAB_SETTINGS_DIR": str(root / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(root / "workspaces"),
           "JUPYTER_RUNTIME_DIR": str(root / "runtime")}
    for args in (["generate_assignment", LAB, "--force"], ["release_assignment", LAB]):
        subprocess.run([str(copy / "course"), "nbgrader", *args], cwd=copy, env=env, check=True,
                       capture_output=True)
    wrong = harness.fill(REPO / "labs" / LAB / f"{LAB}.ipynb", wrong_answer(LAB))
    (copy / "work" / "browser").mkdir(parents=True)
    nbformat.write(wrong, copy / "work" / "browser" / "wrong.ipynb")
    return {"root": root, "copy": copy, "env": env, "shots": root / "screenshots"}


@pytest.fixture(scope="module")
def server(course):
    """``./course lab`` exactly as the README says, on a free port, with a token."""
    port, token = free_port(), secrets.token_hex(16)
    log = open(course["root"] / "lab.log", "w")
    proc = subprocess.Popen(
        [str(course["copy"] / "course"), "lab", "--no-browser", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}"],
        cwd=course["copy"], env=course["env"], stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 600  # the first run of ./course lab may set up the environment
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                os.killpg(proc.pid, signal.SIGTERM)
                pytest.fail("./course lab did not start:\n" + (course["root"] / "lab.log").read_text()[-3000:])
            time.sleep(0.5)
    yield {"url": url, "token": token}
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
    log.close()


@pytest.fixture(scope="module")
def browser(course, server):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
                 f"--user-data-dir={course['root'] / 'chromium'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    course["shots"].mkdir(exist_ok=True)
    yield Page(driver, server, course["shots"])
    driver.quit()


class Page:
    """The few things a student does in JupyterLab, by clicks and keys."""

    def __init__(self, driver, server, shots):
        self.driver, self.server, self.shots = driver, server, shots

    def wait(self, condition, what, timeout=120):
        from selenium.common.exceptions import TimeoutException
        from selenium.webdriver.support.ui import WebDriverWait

        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.5).until(
                lambda d: condition())
        except TimeoutException:
            shot = self.shot("timeout")
            pytest.fail(f"timed out waiting for {what}; screenshot {shot}")

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def shot(self, name) -> Path:
        path = self.shots / f"{len(list(self.shots.iterdir())):02d}-{name}.png"
        self.driver.save_screenshot(str(path))
        return path

    def open(self, path):
        self.driver.get(f"{self.server['url']}/lab/tree/{path}?token={self.server['token']}")
        name = Path(path).name
        self.wait(lambda: self.current_tab() == name, f"the tab {name}")
        # The status bar reads "No Kernel | Initializing", then "Python 3 (ipykernel) | Idle".
        self.wait(lambda: "(ipykernel) | Idle" in self.js(
            "return document.querySelector('#jp-main-statusbar')?.innerText || ''"),
            "the kernel to be ready")

    def current_tab(self) -> str:
        return self.js("return document.querySelector('.jp-mod-current .lm-TabBar-tabLabel')"
                       "?.innerText || ''")

    def current_tab_dirty(self) -> bool:
        return self.js("return !!document.querySelector('li.lm-TabBar-tab.jp-mod-current.jp-mod-dirty')")

    def menu(self, top, command):
        from selenium.webdriver.common.by import By

        self.driver.find_element(
            By.XPATH, f"//div[contains(@class,'lm-MenuBar-itemLabel') and text()='{top}']").click()
        item = f"li.lm-Menu-item[data-command='{command}']"
        self.wait(lambda: self.driver.find_elements(By.CSS_SELECTOR, item), f"menu item {command}",
                  timeout=10)
        self.driver.find_element(By.CSS_SELECTOR, item).click()

    def shown_error(self, needle: str) -> str:
        """The rendered text of the error output that contains ``needle``, scrolled
        into view ('' while there is none). JupyterLab renders off-screen cells
        lazily, so the output is found by its content, then shown and read."""
        return self.js("""
            const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
            const flat = t => t.split(/\\s+/).filter(Boolean).join(' ');
            const output = [...panel.querySelectorAll(
                '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
                .find(e => flat(e.textContent).includes(arguments[0]));
            if (!output) return '';
            output.scrollIntoView({block: 'center'});
            return output.innerText;""", needle)

    def click_button(self, text):
        from selenium.webdriver.common.by import By

        self.driver.find_element(
            By.XPATH, f"//div[contains(@class,'jp-NotebookPanel') and not(contains(@class,"
                      f"'lm-mod-hidden'))]//div[contains(@class,'jp-Toolbar')]//*[text()='{text}']").click()

    def dialog_text(self) -> str:
        return self.js("return document.querySelector('.jp-Dialog')?.innerText || ''")


def stub_sentence():
    return expected_sentence(cells_up_to_first_check(LAB))


@pytest.fixture(scope="module")
def lab_page(browser):
    """The student's copy of the lab, open; whether opening marked it modified."""
    browser.open(f"work/{LAB}/{LAB}.ipynb")
    time.sleep(3)  # the kernel's language_info arrives after it is idle
    browser.shot("opened")
    return {"page": browser, "dirty_on_open": browser.current_tab_dirty()}


def run_all_and_see(browser, message, shot):
    """Run > Run All Cells; the check's sentence must be shown as an error output."""
    sentence = flat(f"CheckFailed: {message}")
    browser.menu("Run", "runmenu:run-all")
    browser.wait(lambda: browser.shown_error(sentence), f"the check's sentence ({shot})")
    time.sleep(0.5)  # let it render where it was scrolled to
    shown = browser.shown_error(sentence)
    browser.shot(shot)
    assert sentence in flat(shown) and "Traceback" not in shown


def test_opening_a_lab_does_not_mark_it_modified(lab_page):
    assert not lab_page["dirty_on_open"], "opening the lab marked it unsaved"


def test_failing_visible_check_shows_its_sentence(lab_page):
    run_all_and_see(lab_page["page"], stub_sentence(), "stub-check")


def test_validate_dialog_shows_the_sentence(lab_page):
    browser = lab_page["page"]
    browser.open(f"work/{LAB}/{LAB}.ipynb")
    sentence = flat(f"CheckFailed: {stub_sentence()}")
    browser.click_button("Validate")
    browser.wait(lambda: sentence in flat(browser.dialog_text()), "the sentence in Validate's dialog")
    browser.shot("validate")
    text = browser.dialog_text()
    assert "showtraceback" not in text and "Traceback" not in text
    browser.driver.find_element("xpath", "//div[contains(@class,'jp-Dialog')]//button").click()


def test_wrong_implementation_shows_its_sentence(browser):
    browser.open("work/browser/wrong.ipynb")
    run_all_and_see(browser, expected_sentence(cells_up_to_first_check(LAB, wrong_answer(LAB))),
                    "wrong-check")


def test_assignments_tab_lists_the_released_lab(browser):
    browser.menu("Nbgrader", "nbgrader:open-assignment-list")
    browser.wait(lambda: browser.current_tab() == "Assignments", "the Assignments tab")
    released = "return document.querySelector('#released_assignments_list')?.innerText || ''"
    browser.wait(lambda: LAB in browser.js(released), "the released lab in the Assignments tab")
    browser.shot("assignments")
    assert "does not exist" not in browser.js(released)


def test_formgrader_tab_lists_the_labs(browser):
    from selenium.webdriver.common.by import By

    browser.menu("Nbgrader", "nbgrader:open-formgrader")
    browser.wait(lambda: browser.driver.find_elements(By.CSS_SELECTOR, "iframe"), "the formgrader")
    browser.driver.switch_to.frame(browser.driver.find_elements(By.CSS_SELECTOR, "iframe")[-1])
    try:
        body = lambda: browser.driver.find_element(By.TAG_NAME, "body").text  # noqa: E731
        browser.wait(lambda: LAB in body() and "Manage Assignments" in body(),
                     "the labs in the formgrader")
        assert "does not exist" not in body()
    finally:
        browser.driver.switch_to.default_content()
    browser.shot("formgrader")
