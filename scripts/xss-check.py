#!/usr/bin/env python3
"""Stored XSS in a real browser: writes script and attribute payloads into every text a citizen can write (application
form answers, a file name, a 12345 request's title and text, a bad rating's comment, a question to the assistant, a
consultation comment, an interview question, a visitor's name) through the API, then opens each page that shows them —
to the citizen, the window, the reviewer, the dispatcher, the handler, the supervisor, the administrator and the
public — in headless Chromium and checks that no alert fires and no injected element (an <img src=x>, a <script>
carrying the payload) is in the DOM. The Content-Security-Policy would stop an inline script anyway; the DOM check is
what proves the text was escaped.

Usage: scripts/xss-check.py [base URL, default http://127.0.0.1:8095]
Run against a fresh dev server, e.g.  TONGBAN_DATA_DIR=/tmp/secx .build/debug/tongban serve --port 8095
Needs Debian's chromium and chromium-driver, and selenium. Exit status 1 when any page fails.
"""
import json
import sys
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8095"
PASSWORD = "Tongban2026"
SCRIPT = "<script>window.__xss=1;alert('xss')</script>"
ATTRIBUTE = "\"><img src=x onerror=\"window.__xss=1;alert('xss')\">"
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def api(method, path, body=None, token=None, headers=None, raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(BASE + path, data=data, method=method)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request) as response:
            text = response.read()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def token(login):
    status, data = api("POST", "/api/v1/auth/token", {"login": login, "password": PASSWORD})
    assert status == 200, (login, status, data)
    return data["token"]


def resident_id(first17):
    """A valid 18-digit ID number (GB 11643 check digit) from its first 17 digits."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17[:17] + "10X98765432"[sum(int(d) * w for d, w in zip(first17[:17], weights)) % 11]


def seed_payloads():
    """Writes the payloads; returns the pages to look at, as (login or None, path)."""
    pages = []
    li, zhang = token("13800000002"), token("13800000001")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    from urllib.parse import quote
    status, upload = api("POST", "/api/v1/uploads", token=li, raw=pdf + datetime.now().isoformat().encode(),
                         headers={"Content-Type": "application/pdf", "X-File-Name": quote(ATTRIBUTE + ".pdf")})
    check(status == 201, f"upload with a payload file name: {status}")
    status, draft = api("GET", "/api/v1/cases/draft?lifeEvent=eshgh", token=li)
    sample = {"residentId": resident_id("341503197911024560"), "phone": "13800000002", "date": "2025-01-02", "money": "100",
              "integer": "1", "boolean": "是", "creditCode": "91341500MA2N0X0X0X"}
    form, written = {}, 0
    for f in draft["fields"]:
        if f["type"] in ("text", "textarea") and (f.get("maxLength") or 1000) >= len(ATTRIBUTE):
            form[f["key"]] = SCRIPT if written % 2 == 0 else ATTRIBUTE
            written += 1
        elif f.get("value"):
            form[f["key"]] = f["value"]
        elif f.get("options"):
            form[f["key"]] = f["options"][0]
        elif f["type"] in ("money", "integer"):
            form[f["key"]] = str(int(max(f.get("min") or 1, 1)))
        else:
            form[f["key"]] = sample.get(f["type"], "六安测试内容")[: f.get("maxLength") or 100]
    materials = [{"name": m["name"], "uploadId": upload["id"]} for m in draft["materials"] if m["required"] and not m.get("replaceableBy")]
    status, case = api("POST", "/api/v1/cases", {"lifeEvent": "eshgh", "form": form, "materials": materials, "district": "341502"}, token=li)
    check(status == 201, f"application with {written} payload answers: {status} {str(case)[:200]}")
    if status == 201:
        api("POST", f"/api/v1/cases/{case['id']}/accept", token=token("clerk"))
        pages += [("13800000002", f"/me/cases/{case['id']}"), ("clerk", f"/workbench/cases/{case['id']}"),
                  ("reviewer.zj", f"/workbench/cases/{case['id']}"), ("reviewer.zj", "/workbench/tasks")]

    status, ticket = api("POST", "/api/v1/tickets", {"type": "complaint", "title": SCRIPT, "body": ATTRIBUTE + "路灯不亮很久了"}, token=zhang)
    check(status == 201, f"12345 request with payloads: {status}")
    if status == 201:
        number = ticket["number"]
        pages += [("13800000001", f"/me/tickets/{number}"), ("13800000001", "/me/tickets"),
                  ("dispatcher", f"/workbench/tickets/{number}"), ("dispatcher", "/workbench/hotline/dispatch")]
        if ticket.get("state") != "dispatched":
            api("POST", f"/api/v1/tickets/{number}/dispatch", {"department": "cg"}, token=token("dispatcher"))
        handler = token("handler.cg")
        api("POST", f"/api/v1/tickets/{number}/sign", {}, token=handler)
        status, _ = api("POST", f"/api/v1/tickets/{number}/reply", {"reply": "已更换灯头，恢复照明。"}, token=handler)
        check(status == 200, f"reply: {status}")
        status, _ = api("POST", "/api/v1/reviews", {"subject": "ticket", "id": number, "level": 1, "comment": SCRIPT + ATTRIBUTE}, token=zhang)
        check(status == 201, f"差评 with payload comment: {status}")
        pages += [("handler.cg", f"/workbench/tickets/{number}"), ("handler.cg", "/workbench/rectifications"),
                  ("supervisor", "/workbench/rectifications"), ("13800000001", "/me/reviews"), (None, "/reviews")]

    status, _ = api("POST", "/api/v1/assistant", {"message": SCRIPT + "火星移民怎么办" + ATTRIBUTE})
    check(status == 200, f"assistant question: {status}")
    pages.append(("admin", "/admin/assistant"))

    now = datetime.now(timezone.utc)
    status, _ = api("POST", "/api/v1/me/visitor-passes", {"visitorName": "<b>李\"小红", "from": (now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                                                          "until": (now + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")}, token=zhang)
    check(status in (201, 422), f"visitor pass with markup in the name: {status}")
    pages.append(("13800000001", "/me/visitors"))

    status, consultations = api("GET", "/api/v1/consultations")
    open_ones = [c for c in (consultations or []) if c.get("state") == "open"] if status == 200 else []
    if open_ones:
        cid = open_ones[0]["id"]
        status, _ = api("POST", f"/api/v1/consultations/{cid}/comments", {"text": SCRIPT + "意见" + ATTRIBUTE}, token=zhang)
        check(status in (200, 201), f"consultation comment: {status}")
        pages += [(None, f"/consultations/{cid}"), ("13800000001", f"/consultations/{cid}")]
    return pages


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--lang=zh-CN", "--window-size=1280,900"]:
        options.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def sign_in(driver, login):
    driver.delete_all_cookies()
    driver.get(BASE + "/login")
    driver.find_element(By.NAME, "login").send_keys(login)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.NAME, "password").submit()
    WebDriverWait(driver, 10).until(lambda d: "/login" not in d.current_url)


def injected(driver):
    return driver.execute_script("""
        const scripts = [...document.querySelectorAll('script')].filter(s => s.textContent.includes('__xss'));
        const images = document.querySelectorAll('img[src="x"], img[onerror]');
        const bold = [...document.querySelectorAll('b')].filter(b => b.textContent.includes('小红'));
        return {flag: window.__xss === 1, scripts: scripts.length, images: images.length, bold: bold.length};
    """)


def main():
    pages = seed_payloads()
    driver = browser()
    try:
        current = "—"
        for login, path in pages:
            if login != current:
                if login:
                    sign_in(driver, login)
                else:
                    driver.delete_all_cookies()
                current = login
            driver.get(BASE + path)
            if "/login" in driver.current_url:
                check(False, f"{login} {path}: not signed in")
                continue
            try:
                alert = driver.switch_to.alert
                text = alert.text
                alert.dismiss()
                check(False, f"{login or 'public'} {path}: an alert fired ({text})")
                continue
            except NoAlertPresentException:
                pass
            found = injected(driver)
            clean = not found["flag"] and found["scripts"] == 0 and found["images"] == 0 and found["bold"] == 0
            shown = "xss" in driver.page_source and "&lt;" in driver.page_source
            check(clean, f"{login or 'public'} {path}: no alert, no injected element {found}" + ("" if shown else " (payload not on this page)"))
    finally:
        driver.quit()
    print(f"{len(failures)} failed" if failures else f"all {len(pages)} pages escaped the payloads")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
