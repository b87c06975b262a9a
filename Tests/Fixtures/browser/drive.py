#!/usr/bin/env python3
"""Drives headless Chromium over the DevTools protocol (--remote-debugging-pipe) through Vigil's
dashboard: signs in with a token, reads the overview and an alert page, fills in and submits the
event entry form, and saves screenshots. Prints what it saw as JSON.

Usage: drive.py BASE_URL TOKEN ALERT_ID SCREENSHOT_DIR
Standard library only; used by Tests/vigilTests/BrowserTests.swift."""
import base64, json, os, select, shutil, subprocess, sys, tempfile, time

base, token, alert_id, shots = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
to_chrome_r, to_chrome_w = os.pipe()
from_chrome_r, from_chrome_w = os.pipe()
profile = tempfile.mkdtemp(prefix="vigil-chromium-")

def setup():
    os.dup2(to_chrome_r, 3)
    os.dup2(from_chrome_w, 4)

browser = subprocess.Popen(
    [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--remote-debugging-pipe",
     "--user-data-dir=" + profile, "--window-size=1280,900", "--no-first-run", "about:blank"],
    preexec_fn=setup, pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os.close(to_chrome_r)
os.close(from_chrome_w)
outgoing = os.fdopen(to_chrome_w, "wb")
buffer = b""
next_id = 0
events = []

def read_message(timeout=30):
    global buffer
    while b"\0" not in buffer:
        if not select.select([from_chrome_r], [], [], timeout)[0]:
            raise RuntimeError("chromium did not answer in time")
        chunk = os.read(from_chrome_r, 65536)
        if not chunk:
            raise RuntimeError("chromium closed the pipe")
        buffer += chunk
    message, buffer = buffer.split(b"\0", 1)
    return json.loads(message)

def send(method, params=None, session=None):
    global next_id
    next_id += 1
    message = {"id": next_id, "method": method, "params": params or {}}
    if session:
        message["sessionId"] = session
    outgoing.write(json.dumps(message).encode() + b"\0")
    outgoing.flush()
    while True:
        reply = read_message()
        if reply.get("id") == next_id:
            if "error" in reply:
                raise RuntimeError(f"{method}: {reply['error']}")
            return reply.get("result", {})
        events.append(reply)

def wait_for_load(session, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for index, event in enumerate(events):
            if event.get("method") == "Page.loadEventFired" and event.get("sessionId") == session:
                del events[: index + 1]
                return
        events.append(read_message(max(0.1, deadline - time.time())))
    raise RuntimeError("page did not load")

def evaluate(session, expression):
    result = send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, session)
    return result.get("result", {}).get("value")

def navigate(session, url):
    events.clear()
    send("Page.navigate", {"url": url}, session)
    wait_for_load(session)

def submit(session, script):
    events.clear()
    evaluate(session, script)
    wait_for_load(session)

def screenshot(session, name):
    data = send("Page.captureScreenshot", {"format": "png"}, session)["data"]
    with open(os.path.join(shots, name), "wb") as file:
        file.write(base64.b64decode(data))

seen = {}
try:
    target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    send("Page.enable", session=session)
    send("Runtime.enable", session=session)
    navigate(session, base + "/login")
    seen["login_title"] = evaluate(session, "document.title")
    submit(session, "document.getElementById('token').value = %s; document.querySelector('form').submit();" % json.dumps(token))
    seen["overview_title"] = evaluate(session, "document.querySelector('h1').textContent")
    seen["overview_alerts"] = evaluate(session, "Array.from(document.querySelectorAll('#open-alerts tbody tr')).map(r => r.textContent)")
    seen["overview_map_counties"] = evaluate(session, "document.querySelectorAll('#map circle.county').length")
    seen["overview_script_ran"] = evaluate(session, "document.getElementById('live-status') !== null && !!window.EventSource")
    screenshot(session, "dashboard-overview.png")
    navigate(session, base + "/alerts/" + alert_id)
    seen["alert_why"] = evaluate(session, "document.getElementById('why').textContent")
    seen["alert_alarm_bars"] = evaluate(session, "document.querySelectorAll('#alert-trend rect.alarm').length")
    screenshot(session, "dashboard-alert.png")
    submit(session, "document.getElementById('acknowledge').click();")
    seen["alert_status_after_acknowledge"] = evaluate(session, "document.getElementById('status').textContent")
    navigate(session, base + "/report")
    seen["report_time_filled_by_script"] = evaluate(session, "document.getElementById('occurred_at').value")
    seen["report_labels"] = evaluate(session, "Array.from(document.querySelectorAll('#report input:not([type=hidden]), #report select')).every(e => e.labels && e.labels.length > 0)")
    submit(session, """
        document.getElementById('region').value = '09009';
        document.querySelector('input[name=outcome][value=fatal]').checked = true;
        document.getElementById('naloxone_doses').value = '2';
        document.querySelector('input[name=substance][value=xylazine]').checked = true;
        document.getElementById('submit').click();
    """)
    seen["report_result"] = evaluate(session, "document.getElementById('result').textContent")
    screenshot(session, "dashboard-report.png")
finally:
    try:
        send("Browser.close")
    except Exception:
        pass
    browser.wait(timeout=20)
    shutil.rmtree(profile, ignore_errors=True)
print(json.dumps(seen))
