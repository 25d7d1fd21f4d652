#!/usr/bin/env python3
"""Looks at Tongban's pages in a real headless Chromium, as a person would.

Usage: scripts/browser-check.py [base URL, default http://127.0.0.1:8080] [screenshot dir, default screenshots]
Needs Debian's chromium, chromium-driver and fonts-noto-cjk, and selenium from PyPI.
Checks: pages render on desktop and phone widths, in elder mode and with JavaScript off;
the elder switch persists; a staff member lands on their workbench; a visited guide is readable
offline; no request leaves the server; the 12345 hotline from the citizen's form to the operator,
the dispatcher and the handler. Writes PNG screenshots to look at.
Sections run only with ONLY=<name>: kiosk_flows (王奶奶's main flows at a portrait kiosk; needs TONGBAN_SQLITE for the
SMS code, and sends one code, of five allowed per ID number in 15 minutes) and elder_flows (张三's main flows on a
phone in 长辈版), kiosk, community, care, bills, interviews (在线访谈: an answer reaches an open page within a second).
"""
import os
import sys
import time
from urllib.parse import quote, urlparse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
OUT = sys.argv[2] if len(sys.argv) > 2 else "screenshots"
os.makedirs(OUT, exist_ok=True)
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def browser(width, height, javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--lang=zh-CN", f"--window-size={width},{height}"]:
        options.add_argument(arg)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    # Headless Chromium will not make a window narrower than 500 pixels and takes the height of its own bars off the
    # window, so a "390x844 phone" was really 485 pixels wide: set the page's viewport to exactly the size asked for.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 800})
    return driver


def external_requests(driver):
    import json
    hosts = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            host = urlparse(url).hostname
            if url.startswith("http") and host not in ("127.0.0.1", "localhost"):
                hosts.add(host)
    return hosts


def shot(driver, name):
    path = os.path.join(OUT, name + ".png")
    driver.save_screenshot(path)
    return path


def main():
    if os.environ.get("ONLY"):  # one section, e.g. ONLY=reviews
        globals()[os.environ["ONLY"]]()
        print(f"{len(failures)} failed" if failures else "all browser checks passed")
        return 1 if failures else 0
    guide_path = None
    for label, (w, h) in {"desktop": (1280, 900), "phone": (390, 844)}.items():
        d = browser(w, h)
        try:
            d.get(BASE + "/")
            check("六安通办" in d.title, f"{label}: home page title")
            check(d.find_element(By.NAME, "q").is_displayed(), f"{label}: search box visible")
            overflow = d.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")
            check(not overflow, f"{label}: home page fits the screen width (no sideways scrolling)")
            shot(d, f"{label}-home")
            d.get(BASE + "/search?q=" + quote("公积金"))
            first = d.find_element(By.CSS_SELECTOR, "ul.list li a")
            check("公积金" in first.text, f"{label}: 公积金 search finds a 公积金 service first ({first.text})")
            guide_path = urlparse(first.get_attribute("href")).path
            shot(d, f"{label}-search")
            d.get(BASE + guide_path)
            check("申请材料" in d.page_source and "办理流程" in d.page_source, f"{label}: guide shows materials and steps")
            overflow = d.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")
            check(not overflow, f"{label}: guide fits the screen width")
            shot(d, f"{label}-guide")
            # Elder mode: one switch, persists across pages.
            d.find_element(By.CSS_SELECTOR, ".elder-switch button").click()
            time.sleep(0.5)
            check(d.find_element(By.TAG_NAME, "body").get_attribute("class") == "elder", f"{label}: elder switch turns elder mode on")
            size = d.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
            check(size >= 20, f"{label}: elder mode type is large ({size}px)")
            shot(d, f"{label}-guide-elder")
            d.get(BASE + "/")
            check(d.find_element(By.TAG_NAME, "body").get_attribute("class") == "elder", f"{label}: elder mode persists to the next page")
            shot(d, f"{label}-home-elder")
            check(not external_requests(d), f"{label}: no request left the server")
        finally:
            d.quit()

    # Offline: a visited guide stays readable once the service worker has it.
    d = browser(390, 844)
    try:
        d.get(BASE + guide_path)
        time.sleep(2)  # the worker installs and takes control
        d.get(BASE + guide_path)
        time.sleep(1)
        d.execute_cdp_cmd("Network.enable", {})
        d.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        d.get(BASE + guide_path)
        check("申请材料" in d.page_source, "offline: a visited guide is still readable")
        shot(d, "phone-guide-offline")
        d.get(BASE + "/departments")
        check("没有网络" in d.page_source or "部门服务" in d.page_source, "offline: an unvisited page shows the offline notice")
    finally:
        d.quit()

    # JavaScript off: search, sign-in and the workbench still work.
    d = browser(1280, 900, javascript=False)
    try:
        d.get(BASE + "/")
        box = d.find_element(By.NAME, "q")
        box.send_keys("开公司")
        box.submit()
        check("企业" in d.find_element(By.CSS_SELECTOR, "ul.list li a").text, "no JS: search form works")
        d.get(BASE + "/login")
        d.find_element(By.NAME, "login").send_keys("reviewer.gjj")
        d.find_element(By.NAME, "password").send_keys("Tongban2026")
        d.find_element(By.CSS_SELECTOR, "form.stacked button").click()
        check(wait_for(d, "/workbench"), "no JS: a reviewer signs in and lands on the workbench")
        check("住房公积金" in d.page_source and "事项管理" not in d.page_source, "no JS: the reviewer's workbench shows only their department")
        shot(d, "desktop-workbench-reviewer")
        sign_out(d)
        sign_in(d, "admin")
        d.get(BASE + "/admin/services")
        check("事项管理" in d.page_source, "no JS: the administrator reaches item management")
        d.find_element(By.CSS_SELECTOR, "table a").click()
        shot(d, "desktop-admin-edit")
        check("申请材料" in d.page_source, "no JS: the item edit form shows materials")
        d.get(BASE + "/register")
        d.find_element(By.NAME, "realName").send_keys("测试")
        d.find_element(By.NAME, "idNumber").send_keys("34150219900307008")
        d.find_element(By.NAME, "phone").send_keys("13912345678")
        d.find_element(By.NAME, "password").send_keys("abc12345")
        d.find_element(By.CSS_SELECTOR, "form.stacked button").click()
        check("18位" in d.page_source, "no JS: a short ID number is explained on the form")
        shot(d, "desktop-register-error")
    finally:
        d.quit()

    applications()
    hotline()
    reviews()
    insights()
    sharing()
    assistant()
    recommendations()
    policies()
    print(f"{len(failures)} failed" if failures else "all browser checks passed")
    return 1 if failures else 0


def sign_in(d, login):
    d.get(BASE + "/login")
    d.find_element(By.NAME, "login").send_keys(login)
    d.find_element(By.NAME, "password").send_keys("Tongban2026")
    d.find_element(By.CSS_SELECTOR, "form.stacked button").click()
    deadline = time.time() + 10
    while "/login" in d.current_url and time.time() < deadline:
        time.sleep(0.1)


def sign_out(d):
    d.find_element(By.CSS_SELECTOR, "nav.account button.link").click()
    deadline = time.time() + 10
    while d.find_elements(By.CSS_SELECTOR, "nav.account button.link") and time.time() < deadline:
        time.sleep(0.1)


def wait_for(d, fragment, seconds=10):
    """A POST followed by a redirect finishes after click() returns; wait for where it lands."""
    deadline = time.time() + seconds
    while fragment not in d.current_url and time.time() < deadline:
        time.sleep(0.1)
    return fragment in d.current_url


def fill_required(d, pdf):
    from selenium.webdriver.support.ui import Select
    for field in d.find_elements(By.CSS_SELECTOR, "form.stacked input[required], form.stacked textarea[required]"):
        kind, mode = field.get_attribute("type"), field.get_attribute("inputmode")
        if kind == "file" or field.get_attribute("value"):
            continue
        value = "100" if mode in ("decimal", "numeric") else "2025-01-02" if kind == "date" else "13800000001" if kind == "tel" else "六安测试内容"
        field.send_keys(value)
    for select in d.find_elements(By.CSS_SELECTOR, "form.stacked select[required]"):
        if not select.get_attribute("value"):
            Select(select).select_by_index(1)
    for upload in d.find_elements(By.CSS_SELECTOR, "form.stacked input[type=file]"):
        upload.send_keys(pdf)


def applications():
    """Apply with JavaScript off on a phone, the way an elderly citizen's phone might be set up."""
    import tempfile
    pdf = os.path.join(tempfile.mkdtemp(), "材料.pdf")
    with open(pdf, "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    d = browser(390, 844, javascript=False)
    try:
        sign_in(d, "13800000001")
        d.get(BASE + "/apply?item=gjj-tq-gf")
        check("value=\"张三\"" in d.page_source, "apply: the form is pre-filled with the applicant's name")
        overflow = d.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")
        check(not overflow, "apply: the form fits a phone screen")
        shot(d, "phone-apply-form")
        fill_required(d, pdf)
        d.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
        check(wait_for(d, "/me/cases/"), f"apply: submitting leads to the case page ({d.current_url})")
        check("智能审批" in d.page_source and "办结" in d.page_source, "apply: 智能审批 decided at once and says why")
        shot(d, "phone-case-auto-approved")
        d.find_element(By.CSS_SELECTOR, ".elder-switch button").click()
        shot(d, "phone-case-elder")
        d.get(BASE + "/me/messages")
        check("已办结" in d.page_source, "apply: the inbox has the result")
        d.get(BASE + "/me/certificates")
        check("住房公积金提取核准" in d.page_source and "居民身份证" in d.page_source, "wallet: the new certificate sits next to the ID card")
        shot(d, "phone-wallet")
        d.find_element(By.PARTIAL_LINK_TEXT, "住房公积金提取核准").click()
        d.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
        wait_for(d, "/share")
        check("亮证码" in d.page_source, "wallet: a share code is made with JavaScript off")
        shot(d, "phone-certificate-shared")
        number = d.find_element(By.XPATH, "//dt[text()='证照编号']/following-sibling::dd[1]").text.strip()
        code = d.find_element(By.XPATH, "//p[contains(., '核验码')]").text.split("核验码：")[1][:6]
        d.get(BASE + "/verify?number=" + quote(number) + "&code=" + quote(code))
        check("✔ 签发记录为账本第" in d.page_source and "有效" in d.page_source, "verify: anyone sees the certificate is valid and on the ledger")
        shot(d, "phone-verify")
        d.get(BASE + "/me/data-usage")
        check("住房公积金缴存库" in d.page_source, "data usage: the citizen sees 智能审批's read of their fund account")
        shot(d, "phone-data-usage")
    finally:
        d.quit()
    d = browser(1280, 900, javascript=False)
    try:
        sign_in(d, "13800000002")
        d.get(BASE + "/apply?event=eshgh")
        fill_required(d, pdf)
        d.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
        check(wait_for(d, "/me/cases/"), "apply: a life event goes in as one application")
        sign_out(d)
        sign_in(d, "clerk")
        d.get(BASE + "/workbench/window")
        check("待受理" in d.page_source, "window: the clerk sees new applications")
        shot(d, "desktop-window-queue")
        d.find_element(By.CSS_SELECTOR, "table a").click()
        d.find_element(By.XPATH, "//button[text()='受理']").click()
        wait_for(d, "/receipt")
        check("受理回执" in d.page_source and "承诺办结" in d.page_source, "window: accepting shows the receipt")
        shot(d, "desktop-receipt")
        d.get(BASE + "/workbench/counter?target=" + quote("item:gjj-tq-gf"))
        shot(d, "desktop-counter-form")
        sign_out(d)
        sign_in(d, "admin")
        d.get(BASE + "/admin/grants")
        check("数据共享授权" in d.page_source and "不动产登记库" in d.page_source, "grants: the administrator sees the grants")
        shot(d, "desktop-admin-grants")
        sign_out(d)
        sign_in(d, "reviewer.zrzy")
        d.get(BASE + "/workbench/tasks")
        shot(d, "desktop-review-queue")
        check("审批队列" in d.page_source, "review: the queue page opens")
    finally:
        d.quit()


def unreadable_buttons(d):
    """Buttons and links drawn as buttons whose text has less than 4.5:1 contrast with their own background."""
    return d.execute_script("""
        const lum = c => { const [r, g, b] = c.match(/[0-9.]+/g).slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4) });
                           return 0.2126 * r + 0.7152 * g + 0.0722 * b };
        return [...document.querySelectorAll('a.button, button')].filter(e => e.offsetParent !== null).filter(e => {
            const s = getComputedStyle(e);
            if (s.backgroundColor === 'rgba(0, 0, 0, 0)' || s.backgroundColor === 'transparent') return false;
            const [a, b] = [lum(s.color), lum(s.backgroundColor)].sort((x, y) => y - x);
            return (a + 0.05) / (b + 0.05) < 4.5;
        }).map(e => e.textContent.trim());""")


def fits(d):
    return not d.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")


def hotline():
    """12345: a citizen files with JavaScript off on a phone; the operator registers a call; the dispatcher
    sends it from the queue; the handler signs and replies on a phone in elder mode."""
    from selenium.webdriver.support.ui import Select
    d = browser(390, 844, javascript=False)
    try:
        sign_in(d, "13800000001")
        d.get(BASE + "/hotline")
        check(fits(d), "hotline: the citizen's form fits a phone screen")
        shot(d, "phone-hotline-form")
        Select(d.find_element(By.NAME, "type")).select_by_value("complaint")
        d.find_element(By.NAME, "title").send_keys("解放路口红绿灯坏了")
        d.find_element(By.NAME, "body").send_keys("裕安区鼓楼街道解放路口的红绿灯坏了两天，早晚高峰很堵。")
        d.find_element(By.NAME, "anonymous").click()
        d.find_element(By.CSS_SELECTOR, "#file form.stacked button[type=submit]").click()
        time.sleep(0.5)
        check("只有举报可以匿名" in d.page_source and "解放路口的红绿灯" in d.page_source, "hotline: an anonymous complaint is explained, the text kept")
        shot(d, "phone-hotline-error")
        d.find_element(By.NAME, "anonymous").click()
        d.find_element(By.CSS_SELECTOR, "#file form.stacked button[type=submit]").click()
        check(wait_for(d, "/me/tickets/"), f"hotline: filing leads to the ticket page ({d.current_url})")
        check("已受理" in d.page_source and "查询码" in d.page_source, "hotline: the ticket page shows the number and 查询码")
        shot(d, "phone-hotline-filed")
        d.get(BASE + "/me/tickets")
        check("解放路口红绿灯坏了" in d.page_source, "hotline: 我的诉求 lists it")
    finally:
        d.quit()

    d = browser(1280, 900)
    try:
        sign_in(d, "operator")
        d.get(BASE + "/workbench")
        check("12345 来电登记" in d.page_source, "hotline: the operator's workbench links to the call sheet")
        d.get(BASE + "/workbench/hotline/call")
        d.find_element(By.NAME, "contactPhone").send_keys("13912345678")
        d.find_element(By.CSS_SELECTOR, "button[value=history]").click()
        time.sleep(0.5)
        check("来电历史" in d.page_source, "operator: 查来电历史 shows the caller's history")
        Select(d.find_element(By.NAME, "type")).select_by_value("complaint")
        d.find_element(By.NAME, "title").send_keys("小区门口路灯不亮")
        d.find_element(By.NAME, "body").send_keys("金安区梅山路紫竹林小区门口的三盏路灯坏了一个多星期，晚上很黑。")
        deadline = time.time() + 5
        while "（" not in d.find_element(By.ID, "live-suggest").text and time.time() < deadline:
            time.sleep(0.2)
        check("（" in d.find_element(By.ID, "live-suggest").text, "operator: suggestions appear while typing (JavaScript on)")
        shot(d, "desktop-hotline-call")
        d.find_element(By.CSS_SELECTOR, "button[value=file]").click()
        check(wait_for(d, "filed="), "operator: 登记工单 files the call")
        check("查询码" in d.page_source and "去向" in d.page_source, "operator: the number, 查询码 and where it went are shown")
        shot(d, "desktop-hotline-filed")
        number = d.current_url.split("filed=")[1].split("&")[0]
        waiting = "等待派单员派单" in d.page_source
        check(not external_requests(d), "operator: no request left the server")
    finally:
        d.quit()

    d = browser(1280, 900, javascript=False)
    try:
        sign_in(d, "dispatcher")
        d.get(BASE + "/workbench/hotline/dispatch")
        check("待派单" in d.page_source, "dispatcher: the queue opens")
        shot(d, "desktop-hotline-dispatch")
        if waiting:
            item = d.find_element(By.ID, "t-" + number)
            Select(item.find_element(By.CSS_SELECTOR, "select[name=department]")).select_by_value("cg")
            item.find_element(By.CSS_SELECTOR, "form.stacked button").click()
            check(wait_for(d, "/workbench/hotline/dispatch") and number not in d.page_source, "dispatcher: dispatching from the queue removes the ticket")
        else:
            d.get(BASE + "/workbench/tickets/" + number)
            if "城市管理局" not in d.find_element(By.CSS_SELECTOR, "dl.facts").text:
                Select(d.find_element(By.ID, "reassign-department")).select_by_value("cg")
                d.find_element(By.CSS_SELECTOR, "#reassign button").click()
                time.sleep(0.5)
            check("城市管理局" in d.page_source, "dispatcher: the ticket is with 城管")
    finally:
        d.quit()

    d = browser(390, 844, javascript=False)
    try:
        sign_in(d, "handler.cg")
        d.get(BASE + "/workbench/hotline/department")
        check(number in d.page_source, "handler: the department queue has the ticket")
        d.find_element(By.CSS_SELECTOR, ".elder-switch button").click()
        time.sleep(0.5)
        d.get(BASE + "/workbench/tickets/" + number)
        size = d.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
        check(size >= 20, f"handler: the ticket page is in elder mode ({size}px)")
        check(fits(d), "handler: the ticket page fits a phone screen in elder mode")
        check("13912345678" in d.page_source, "handler: the handling department sees the caller's number")
        shot(d, "phone-hotline-ticket-elder")
        d.find_element(By.CSS_SELECTOR, "#sign button").click()
        time.sleep(0.5)
        d.find_element(By.NAME, "reply").send_keys("已安排维修，三盏路灯已恢复照明。")
        d.find_element(By.CSS_SELECTOR, "#reply button").click()
        time.sleep(0.5)
        check("已答复待回访" in d.page_source, "handler: signing and replying work with JavaScript off")
        shot(d, "phone-hotline-replied-elder")
    finally:
        d.quit()


def api(path, body=None, token=None):
    """The API, for the steps a test of pages does not need to click through."""
    import json
    import urllib.request
    request = urllib.request.Request(BASE + path, data=None if body is None else json.dumps(body).encode(), method="POST" if body is not None else "GET")
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"null")


def reviews():
    """好差评: a citizen rates a replied request 不满意 on a phone with JavaScript off; the department answers the
    rectification; the public figures show it."""
    token = lambda login: api("/api/v1/auth/token", {"login": login, "password": "Tongban2026"})["token"]
    citizen = token("13800000001")
    ticket = api("/api/v1/tickets", {"type": "complaint", "title": "垃圾清运不及时", "body": "金安区梅山路小区门口垃圾已经三天没有清运"}, citizen)
    number = ticket["number"]
    if ticket["state"] == "pending":
        api(f"/api/v1/tickets/{number}/dispatch", {"department": "cg"}, token("dispatcher"))
    handler = token("handler.cg")
    api(f"/api/v1/tickets/{number}/sign", {}, handler)
    api(f"/api/v1/tickets/{number}/reply", {"reply": "已安排清运，今后每日清运两次。"}, handler)

    d = browser(390, 844, javascript=False)
    try:
        sign_in(d, "13800000001")
        d.find_element(By.CSS_SELECTOR, ".elder-switch button").click()
        time.sleep(0.5)
        d.get(BASE + "/me/tickets/" + number)
        d.find_element(By.PARTIAL_LINK_TEXT, "评价本次服务").click()
        check(not d.find_elements(By.CSS_SELECTOR, "input[name=level]:checked"), "reviews: no level is pre-selected")
        check(fits(d), "reviews: the rating form fits a phone in elder mode")
        shot(d, "phone-review-form-elder")
        d.find_element(By.CSS_SELECTOR, "input[name=level][value='2']").click()
        d.find_element(By.CSS_SELECTOR, "input[value='办事效率低']").click()
        d.find_element(By.NAME, "comment").send_keys("等了三天才处理，电话13900001111")
        d.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
        check(wait_for(d, "/me/reviews"), "reviews: the rating is saved with JavaScript off")
        check("待整改" in d.page_source, "reviews: the 差评 shows its rectification")
        shot(d, "phone-review-mine-elder")
    finally:
        d.quit()

    d = browser(1280, 900, javascript=False)
    try:
        sign_in(d, "handler.cg")
        d.get(BASE + "/workbench/rectifications")
        check("垃圾清运不及时" in d.page_source, "reviews: the department sees the rectification")
        d.find_element(By.NAME, "reply").send_keys("已核实，清运车辆已加密班次，并向市民致歉。")
        d.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
        time.sleep(0.5)
        check("已答复" in d.page_source, "reviews: the department answers")
        shot(d, "desktop-rectifications")
        d.get(BASE + "/reviews")
        check("好评率" in d.page_source and "13900001111" not in d.page_source, "reviews: public figures without the phone number")
        shot(d, "desktop-reviews-public")
    finally:
        d.quit()


def insights():
    """驾驶舱: charts drawn on the server, readable on a desktop and on a phone in elder mode, with JavaScript off."""
    for width, height, elder, name in [(1280, 900, False, "desktop-insights"), (390, 844, True, "phone-insights-elder")]:
        d = browser(width, height, javascript=False)
        try:
            sign_in(d, "leader")
            if elder:
                d.find_element(By.CSS_SELECTOR, ".elder-switch button").click()
                time.sleep(0.5)
            d.get(BASE + "/workbench/insights?days=90")
            charts = len(d.find_elements(By.CSS_SELECTOR, "section.card svg"))
            check(charts >= 6, f"insights: {charts} charts drawn ({name})")
            check(fits(d), f"insights: the page fits the screen ({name})")
            shot(d, name)
            d.execute_script("document.getElementById('departments').scrollIntoView()")
            shot(d, name + "-departments")
            d.execute_script("document.getElementById('hall-waits').scrollIntoView()")
            shot(d, name + "-halls")
        finally:
            d.quit()
    d = browser(390, 844, javascript=False)
    try:
        sign_in(d, "reviewer.gjj")
        d.get(BASE + "/workbench/insights?days=30")
        check("驾驶舱 · " in d.page_source and "全市" not in d.find_element(By.TAG_NAME, "h1").text,
              "insights: a reviewer sees their own department's view")
        check(fits(d), "insights: the department's view fits a phone")
        shot(d, "phone-insights-department")
    finally:
        d.quit()


def sharing():
    """数据共享申请: 公积金中心 asks for 不动产 fields with a form, 自然资源局 answers with a button; JavaScript off, phone."""
    d = browser(390, 844, javascript=False)
    try:
        sign_in(d, "reviewer.gjj")
        d.get(BASE + "/workbench/sharing")
        d.find_element(By.CSS_SELECTOR, "input[value='realestate.address']").click()
        d.find_element(By.NAME, "purpose").clear()
        d.find_element(By.NAME, "purpose").send_keys("gjj-dk")
        d.find_element(By.NAME, "reason").send_keys("公积金贷款审核需核对房屋坐落")
        d.execute_script("document.getElementById('expiresOn').value = '2027-12-31'")
        d.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
        time.sleep(0.5)
        check("本部门提出的申请" in d.page_source and "待答复" in d.page_source, "sharing: the request is filed")
        check(fits(d), "sharing: the page fits a phone")
        shot(d, "phone-sharing-filed")
        sign_out(d)
        sign_in(d, "reviewer.zrzy")
        d.get(BASE + "/workbench/sharing")
        check("公积金贷款审核需核对房屋坐落" in d.page_source, "sharing: the owner sees the request")
        d.find_element(By.CSS_SELECTOR, "button[value=approve]").click()
        time.sleep(0.5)
        check("已同意" in d.page_source, "sharing: the owner approves")
        shot(d, "phone-sharing-answered")
    finally:
        d.quit()


def assistant():
    """智能客服 on a phone in elder mode with JavaScript off: ask, follow up, see 办理 and 转人工."""
    d = browser(390, 844, javascript=False)
    try:
        d.get(BASE + "/")
        d.find_element(By.CSS_SELECTOR, ".elder-switch button").click()
        time.sleep(0.5)
        d.find_element(By.LINK_TEXT, "智能客服").click()
        d.find_element(By.NAME, "message").send_keys("身份证到期了换证要带什么")
        d.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
        time.sleep(0.5)
        check("居民身份证换领" in d.page_source and "需要准备" in d.page_source, "assistant: answers with the service named")
        check(d.find_elements(By.LINK_TEXT, "办理"), "assistant: offers 办理")
        d.find_element(By.NAME, "message").send_keys("那要多久")
        d.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
        time.sleep(0.5)
        check("工作日" in d.page_source and "身份证到期了换证要带什么" in d.page_source, "assistant: the follow-up keeps the conversation")
        check(fits(d), "assistant: fits a phone in elder mode")
        shot(d, "phone-assistant-elder")
        d.find_element(By.XPATH, "//button[contains(., '转人工')]").click()
        time.sleep(0.5)
        check("转人工需要先登录" in d.page_source, "assistant: a visitor is asked to sign in before 转人工")
    finally:
        d.quit()


def recommendations():
    """为您推荐 on the citizen's own page, on a phone in elder mode with JavaScript off."""
    d = browser(390, 844, javascript=False)
    try:
        sign_in(d, "13800000001")
        d.find_element(By.CSS_SELECTOR, ".elder-switch button").click()
        time.sleep(0.5)
        d.get(BASE + "/me")
        check("为您推荐" in d.page_source, "recommendations: shown on the citizen's page")
        check(fits(d), "recommendations: the page fits a phone in elder mode")
        d.execute_script("[...document.querySelectorAll('h2')].find(h => h.textContent.includes('为您推荐')).scrollIntoView()")
        shot(d, "phone-recommendations-elder")
    finally:
        d.quit()


def policies():
    """惠民政策: an administrator publishes one; 王奶奶 checks 我能享受哪些政策 on a phone in elder mode, JavaScript off."""
    token = lambda login: api("/api/v1/auth/token", {"login": login, "password": "Tongban2026"})["token"]
    rules = '{"rules": [{"id": "age", "description": "年满70周岁", "fact": "person.age", "op": "greaterOrEqual", "value": 70, "onFail": "reject", "factLabel": "年龄"}]}'
    api("/api/v1/admin/policies", {"title": "高龄津贴", "summary": "年满70周岁的老人每月发放高龄津贴。", "benefit": "每月高龄津贴",
                                    "department": "mz", "conditions": rules, "itemCode": "mz-gljt", "noApplication": True, "publish": True}, token("admin"))
    d = browser(390, 844, javascript=False)
    try:
        sign_in(d, "13800000003")
        d.find_element(By.CSS_SELECTOR, ".elder-switch button").click()
        time.sleep(0.5)
        d.get(BASE + "/me")
        d.find_element(By.LINK_TEXT, "我能享受哪些政策").click()
        check("高龄津贴" in d.page_source and "符合条件" in d.page_source, "policies: 王奶奶 qualifies for 高龄津贴")
        check(fits(d), "policies: the check fits a phone in elder mode")
        shot(d, "phone-policies-elder")
        # 免申即享: the push job makes her case within seconds; she opens it and its basis from the same page.
        for _ in range(20):
            d.get(BASE + "/me/policies")
            if "已为您办理" in d.page_source:
                break
            time.sleep(1)
        check("已为您办理" in d.page_source, "policies: 免申即享 made 王奶奶's case without an application")
        d.find_element(By.LINK_TEXT, "查看办件和办理依据").click()
        check("免申即享：办理依据" in d.page_source and "年满70周岁" in d.page_source, "policies: the case shows its basis")
        check(fits(d), "policies: the granted case fits a phone in elder mode")
        shot(d, "phone-policy-case-elder")
    finally:
        d.quit()


def kiosk():
    """自助终端: a portrait terminal with JavaScript off; 王奶奶 signs in with her ID number and the SMS code (read from the
    SQLite file given in TONGBAN_SQLITE, as the phone would show it)."""
    import sqlite3
    database = os.environ.get("TONGBAN_SQLITE")
    d = browser(1080, 1920, javascript=False)
    try:
        d.get(BASE + "/kiosk")
        check("kiosk" in d.find_element(By.TAG_NAME, "body").get_attribute("class"), "kiosk: the terminal is in kiosk mode")
        shot(d, "kiosk-start")
        if not database:
            print("skip kiosk sign-in: set TONGBAN_SQLITE to the server's database file")
            return
        body = "341522194803092" + "82"
        weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        grandmother = body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]
        d.find_element(By.ID, "idNumber").send_keys(grandmother)
        d.find_element(By.CSS_SELECTOR, "form[action='/kiosk/code'] button").click()
        time.sleep(0.5)
        row = sqlite3.connect(database).execute(
            "SELECT body FROM notifications WHERE title = '登录验证码' ORDER BY created_at DESC LIMIT 1").fetchone()
        import re
        code = re.search(r"[0-9]{6}", row[0]).group(0) if row else ""
        check(bool(code), "kiosk: the code went out by SMS")
        d.find_element(By.ID, "code").send_keys(code)
        d.find_element(By.CSS_SELECTOR, "form[action='/kiosk/login'] button").click()
        time.sleep(0.5)
        check("王奶奶" in d.page_source and "kiosk-button" in d.page_source, "kiosk: signed in, large buttons")
        check(fits(d), "kiosk: the menu fits the terminal")
        shot(d, "kiosk-menu")
        d.find_element(By.LINK_TEXT, "退出（王奶奶）").click()
        time.sleep(0.3)
        check("获取短信验证码" in d.page_source, "kiosk: 退出 goes back to the start")
    finally:
        d.quit()



def grandmother_id():
    """王奶奶's ID number in the demo data, with its check digit computed."""
    body = "341522194803092" + "82"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]


def latest_login_code(database):
    import re
    import sqlite3
    row = sqlite3.connect(database).execute(
        "SELECT body FROM notifications WHERE title = '登录验证码' ORDER BY created_at DESC LIMIT 1").fetchone()
    match = re.search(r"[0-9]{6}", row[0]) if row else None
    return match.group(0) if match else ""


def publish_event(login, community_code, title, place):
    """Community staff publish an event in another browser, so a resident has something to sign up for."""
    d = browser(1280, 900, javascript=False)
    try:
        sign_in(d, login)
        d.get(BASE + f"/community/{community_code}/events")
        d.find_element(By.ID, "title").send_keys(title)
        d.find_element(By.ID, "place").send_keys(place)
        for field, value in (("startsAt", "2031-10-20T09:00"), ("endsAt", "2031-10-20T11:00")):
            d.execute_script(f"document.getElementById('{field}').value = '{value}'")
        d.find_element(By.ID, "capacity").send_keys("30")
        d.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
        time.sleep(0.3)
        return title in d.page_source
    finally:
        d.quit()


def kiosk_flows():
    """自助终端, the main flows by touch: a portrait terminal with JavaScript off. 王奶奶 signs in with her ID number and
    the SMS code, then from the kiosk menu finds 高龄津贴 and applies, looks at 我的办件, signs up for a community event,
    files a 12345 request, opens 我的社区 and asks the assistant; every page must keep the kiosk bar and fit the screen."""
    database = os.environ.get("TONGBAN_SQLITE")
    if not database:
        print("skip kiosk_flows: set TONGBAN_SQLITE to the server's database file (the SMS code is read from it)")
        return
    event = "红军街重阳节敬老茶话会 " + time.strftime("%H%M%S")
    check(publish_event("community.hjj", "341524001001", event, "红军街社区活动室"), "kiosk flows: 红军街's staff publish an event")
    d = browser(1080, 1920, javascript=False)

    def step(name, what):
        bar = d.find_elements(By.CSS_SELECTOR, "nav.kiosk-bar")
        links = [a.text for a in bar[0].find_elements(By.TAG_NAME, "a")] if bar else []
        signed_in = name != "code"
        check("返回首页" in links and (not signed_in or any(text.startswith("退出（") for text in links)),
              f"kiosk flows: {what} keeps the bar with 返回首页{' and 退出' if signed_in else ''} ({links})")
        unreadable = unreadable_buttons(d)
        check(not unreadable, f"kiosk flows: the buttons on {what} are readable (contrast 4.5:1; not: {unreadable})")
        check(fits(d), f"kiosk flows: {what} fits the terminal")
        size = d.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
        check(size >= 20, f"kiosk flows: {what} is in large type ({size}px)")
        shot(d, "kiosk-flow-" + name)

    def menu(button):
        d.find_element(By.LINK_TEXT, "返回首页").click()
        wait_for(d, "/kiosk/home")
        d.find_element(By.LINK_TEXT, button).click()

    try:
        d.get(BASE + "/kiosk")
        d.find_element(By.ID, "idNumber").send_keys(grandmother_id())
        d.find_element(By.CSS_SELECTOR, "form[action='/kiosk/code'] button").click()
        wait_for(d, "/kiosk/code")
        code = latest_login_code(database)
        check(bool(code), "kiosk flows: the SMS code went out")
        step("code", "the code step")
        d.find_element(By.ID, "code").send_keys(code)
        d.find_element(By.CSS_SELECTOR, "form[action='/kiosk/login'] button").click()
        check(wait_for(d, "/kiosk/home"), f"kiosk flows: 王奶奶 signs in ({d.current_url})")
        step("menu", "the menu")

        # 查找事项: search, open the guide, apply.
        d.find_element(By.LINK_TEXT, "查找事项").click()
        box = d.find_element(By.CSS_SELECTOR, "main input[name=q]")
        box.send_keys("高龄津贴")
        box.submit()
        wait_for(d, "q=")
        results = d.find_elements(By.CSS_SELECTOR, "ul.list li a")
        check(bool(results) and "高龄津贴" in results[0].text, "kiosk flows: 高龄津贴 is the first result")
        step("search", "the search results")
        d.find_element(By.PARTIAL_LINK_TEXT, "高龄津贴申领").click()
        check("申请材料" in d.page_source and "办理流程" in d.page_source, "kiosk flows: the guide shows materials and steps")
        step("guide", "the guide")
        online = d.find_elements(By.LINK_TEXT, "在线办理")
        check(bool(online), "kiosk flows: the guide offers 在线办理")
        if online:
            online[0].click()
            wait_for(d, "/apply")
            check("value=\"王奶奶\"" in d.page_source, "kiosk flows: the form is filled in with her name")
            step("apply-form", "the application form")
            for field in d.find_elements(By.CSS_SELECTOR, "form.stacked input[required]"):
                if not field.get_attribute("value") and field.get_attribute("type") not in ("file", "hidden"):
                    field.send_keys("6217000000000000001" if field.get_attribute("id") == "f-bankCard" else "六安测试内容")
            d.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
            check(wait_for(d, "/me/cases/"), f"kiosk flows: the application goes in ({d.current_url})")
            check("办件编号" in d.page_source, "kiosk flows: the case page shows its number")
            step("case", "the new case")

        # 我的办件
        menu("我的办件")
        if "/me/cases" not in d.current_url:  # the menu's button opens 我的 first
            step("me", "我的")
            d.find_element(By.CSS_SELECTOR, "main a[href='/me/cases']").click()
        check("高龄津贴申领" in d.page_source, "kiosk flows: 我的办件 lists the application")
        step("cases", "我的办件")

        # 社区活动: sign up.
        menu("社区活动")
        check(event in d.page_source, "kiosk flows: the event is listed for 红军街's residents")
        step("events", "the events")
        item = d.find_element(By.XPATH, f"//li[contains(., '{event}')]")
        item.find_element(By.XPATH, ".//button[contains(., '报名')]").click()
        time.sleep(0.5)
        item = d.find_element(By.XPATH, f"//li[contains(., '{event}')]")
        check("取消报名" in item.text, "kiosk flows: she is signed up (取消报名 offered)")
        step("event-signed-up", "the signed-up event")

        # 12345 我要反映
        from selenium.webdriver.support.ui import Select
        menu("12345 我要反映")
        step("hotline", "the 12345 form")
        Select(d.find_element(By.NAME, "type")).select_by_value("help")
        d.find_element(By.NAME, "title").send_keys("楼道灯坏了")
        d.find_element(By.NAME, "body").send_keys("金寨县梅山镇红军街12号楼道的灯坏了一个星期，晚上上下楼看不见。")
        Select(d.find_element(By.NAME, "district")).select_by_value("341524")
        d.find_element(By.CSS_SELECTOR, "#file form.stacked button[type=submit]").click()
        check(wait_for(d, "/me/tickets/"), f"kiosk flows: filing leads to the ticket page ({d.current_url})")
        check("查询码" in d.page_source, "kiosk flows: the ticket page shows the number and 查询码")
        step("ticket", "the filed ticket")

        # 我的社区
        menu("我的社区")
        check("红军街社区" in d.page_source, "kiosk flows: 我的社区 is 红军街")
        step("community", "我的社区")

        # 问智能客服
        menu("问智能客服")
        d.find_element(By.NAME, "message").send_keys("怎么办理高龄津贴")
        d.find_element(By.CSS_SELECTOR, "main form.stacked button[type=submit]").click()
        time.sleep(0.5)
        check("高龄津贴" in d.find_element(By.CSS_SELECTOR, "main").text, "kiosk flows: the assistant answers about 高龄津贴")
        step("assistant", "the assistant's answer")

        d.find_element(By.PARTIAL_LINK_TEXT, "退出（王奶奶）").click()
        wait_for(d, "/kiosk")
        check("获取短信验证码" in d.page_source, "kiosk flows: 退出 goes back to the start")
        d.get(BASE + "/me/cases")
        check("/login" in d.current_url or "高龄津贴申领" not in d.page_source, "kiosk flows: after 退出 her cases are not shown")
    finally:
        d.quit()


def issue_household_bill(login, community_code, household, kind, period, amount):
    """The property company bills one household in another browser, so the resident has something to pay."""
    from selenium.webdriver.support.ui import Select
    d = browser(1280, 900, javascript=False)
    try:
        sign_in(d, login)
        d.get(BASE + f"/community/{community_code}/bills")
        d.find_element(By.CSS_SELECTOR, "input[name=scope][value=household]").click()
        d.find_element(By.ID, "household").send_keys(household)
        Select(d.find_element(By.ID, "kind")).select_by_visible_text(kind)
        d.find_element(By.ID, "period").clear()
        d.find_element(By.ID, "period").send_keys(period)
        d.find_element(By.ID, "amount").send_keys(amount)
        d.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
        time.sleep(0.5)
        return "开具" in d.page_source and "alert" not in d.page_source
    finally:
        d.quit()


def elder_flows():
    """长辈版 on a phone with JavaScript off, the main flows by tapping: 张三 switches elder mode on, finds 社保卡 and
    applies, looks at 我的办件 and one case, files a 12345 request, pays a community bill with the test provider and
    rates a finished case. Every page must stay in large type and fit the phone."""
    import tempfile
    from selenium.webdriver.support.ui import Select
    pdf = os.path.join(tempfile.mkdtemp(), "材料.pdf")
    with open(pdf, "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    d = browser(390, 844, javascript=False)

    def step(name, what):
        check(fits(d), f"elder flows: {what} fits a phone")
        size = d.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
        check("elder" in d.find_element(By.TAG_NAME, "body").get_attribute("class") and size >= 20,
              f"elder flows: {what} is in elder mode ({size}px)")
        unreadable = unreadable_buttons(d)
        check(not unreadable, f"elder flows: the buttons on {what} are readable (contrast 4.5:1; not: {unreadable})")
        shot(d, "elder-flow-" + name)

    try:
        sign_in(d, "13800000001")
        d.get(BASE + "/")
        d.find_element(By.CSS_SELECTOR, ".elder-switch button").click()
        time.sleep(0.3)
        step("home", "the home page")

        # Search, guide, apply.
        box = d.find_element(By.NAME, "q")
        box.send_keys("社保卡")
        box.submit()
        wait_for(d, "q=")
        results = d.find_elements(By.CSS_SELECTOR, "ul.list li a")
        check(any("社会保障卡申领" in a.text for a in results), "elder flows: 社保卡 finds 社会保障卡申领")
        step("search", "the search results")
        d.find_element(By.PARTIAL_LINK_TEXT, "社会保障卡申领").click()
        check("申请材料" in d.page_source, "elder flows: the guide shows the materials")
        step("guide", "the guide")
        online = d.find_elements(By.LINK_TEXT, "在线办理")
        check(bool(online), "elder flows: the guide offers 在线办理")
        if online:
            online[0].click()
            wait_for(d, "/apply")
            check("value=\"张三\"" in d.page_source, "elder flows: the form is filled in with his name")
            step("apply-form", "the application form")
            fill_required(d, pdf)
            d.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
            check(wait_for(d, "/me/cases/"), f"elder flows: the application goes in ({d.current_url})")
            check("办件编号" in d.page_source, "elder flows: the case page shows its number")
            step("case-new", "the new case")

        # 我的办件 and one finished case, rated if it offers 好差评.
        d.find_element(By.LINK_TEXT, "我的").click()
        d.find_element(By.CSS_SELECTOR, "main a[href='/me/cases']").click()
        check("社会保障卡申领" in d.page_source, "elder flows: 我的办件 lists the application")
        step("cases", "我的办件")
        finished = [a.get_attribute("href") for a in d.find_elements(By.XPATH, "//main//li[contains(., '办结') or contains(., '已批准')]//a")]
        if not finished:  # 智能审批 decides 公积金提取 at once: apply for it the same way to have a finished case to rate
            d.get(BASE + "/search?q=" + quote("公积金提取"))
            d.find_element(By.PARTIAL_LINK_TEXT, "住房公积金提取（购买自住住房）").click()
            d.find_element(By.LINK_TEXT, "在线办理").click()
            fill_required(d, pdf)
            d.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
            check(wait_for(d, "/me/cases/"), f"elder flows: the 公积金提取 application goes in ({d.current_url})")
            finished = [d.current_url]
        d.get(finished[0])
        step("case", "a finished case")
        rate = d.find_elements(By.LINK_TEXT, "评价本次服务")
        check(bool(rate), "elder flows: a finished case offers 评价本次服务")
        if rate:
            rate[0].click()
            step("review-form", "the rating form")
            d.find_element(By.CSS_SELECTOR, "input[name=level][value='5']").click()
            d.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
            check(wait_for(d, "/me/reviews"), f"elder flows: the rating is saved ({d.current_url})")
            step("reviews", "我的评价")

        # 12345
        d.find_element(By.LINK_TEXT, "我的").click()
        d.find_element(By.CSS_SELECTOR, "main a[href='/hotline']").click()
        step("hotline", "the 12345 form")
        Select(d.find_element(By.NAME, "type")).select_by_value("suggestion")
        d.find_element(By.NAME, "title").send_keys("翡翠苑门口加装扶手")
        d.find_element(By.NAME, "body").send_keys("金安区梅山南路88号翡翠苑小区门口台阶没有扶手，老人上下不方便，建议加装。")
        d.find_element(By.CSS_SELECTOR, "#file form.stacked button[type=submit]").click()
        check(wait_for(d, "/me/tickets/"), f"elder flows: filing leads to the ticket page ({d.current_url})")
        check("查询码" in d.page_source, "elder flows: the ticket page shows the number and 查询码")
        step("ticket", "the filed ticket")

        # 社区缴费 with the test provider.
        d.find_element(By.LINK_TEXT, "我的").click()
        d.find_element(By.CSS_SELECTOR, "main a[href='/me/community']").click()
        d.find_element(By.LINK_TEXT, "社区缴费").click()
        household = d.find_element(By.CSS_SELECTOR, "main p.muted").text.split("户号 ")[-1].split(" ")[0]
        period = "测试" + time.strftime("%m%d%H%M%S")
        check(issue_household_bill("property.fcy", "341502001001", household, "停车费", period, "60"), f"elder flows: the property company bills household {household}")
        d.refresh()
        check(period in d.page_source, "elder flows: the new bill is on 社区缴费")
        step("bills", "社区缴费")
        for box in d.find_elements(By.CSS_SELECTOR, "input[name='bills[]']"):
            label = box.find_element(By.XPATH, "./ancestor::li[1]").text
            if (period in label) != box.is_selected():
                box.click()
        d.find_element(By.XPATH, "//main//button[text()='缴费']").click()
        time.sleep(0.5)
        step("pay", "the test payment page")
        d.find_element(By.CSS_SELECTOR, "button[value=confirm]").click()
        time.sleep(0.5)
        check("缴费成功" in d.page_source, "elder flows: the test provider confirms the payment")
        step("paid", "the payment result")
        receipt = d.find_elements(By.LINK_TEXT, "查看电子收据")
        if receipt:
            receipt[0].click()
            check(period in d.page_source, "elder flows: the receipt names the bill")
            step("receipt", "the receipt")
    finally:
        d.quit()

def community():
    """智慧社区 on a phone in elder mode, JavaScript off: the staff's community page, events and alarms; a resident's events."""
    d = browser(390, 844, javascript=False)
    try:
        sign_in(d, "community.fcy")
        d.find_element(By.CSS_SELECTOR, ".elder-switch button").click()
        time.sleep(0.3)
        d.get(BASE + "/community")
        check("翡翠苑社区" in d.page_source and "居民年龄结构" in d.page_source, "community: staff land on their community")
        check(fits(d), "community: the community page fits a phone in elder mode")
        shot(d, "phone-community-elder")
        d.find_element(By.LINK_TEXT, "社区活动").click()
        d.find_element(By.ID, "title").send_keys("重阳节包饺子")
        d.find_element(By.ID, "place").send_keys("翡翠苑社区活动室")
        for field, value in (("startsAt", "2031-10-20T09:00"), ("endsAt", "2031-10-20T11:00")):
            d.execute_script(f"document.getElementById('{field}').value = '{value}'")
        d.find_element(By.ID, "capacity").send_keys("20")
        d.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
        time.sleep(0.3)
        check("重阳节包饺子" in d.page_source, "community: staff publish an event")
        check(fits(d), "community: the events page fits a phone")
        shot(d, "phone-community-events-elder")
        d.get(BASE + "/community/341502001001/alarms")
        check("设备告警" in d.page_source, "community: the alarm list opens")
        shot(d, "phone-community-alarms-elder")
    finally:
        d.quit()


def care():
    """关爱名单 and a visit on a phone in elder mode, JavaScript off: 红军街's grid worker records a visit to 王奶奶."""
    d = browser(390, 844, javascript=False)
    try:
        sign_in(d, "community.hjj")
        d.get(BASE + "/community/341524001001/care")
        check("王奶奶" in d.page_source and "独居" in d.page_source, "care: 王奶奶 is on 红军街's care list as 独居")
        check(fits(d), "care: the care list fits a phone")
        shot(d, "phone-care-list")
        d.get(BASE + "/logout")
        d.delete_all_cookies()
        sign_in(d, "grid.hjj")
        d.get(BASE + "/")
        d.find_element(By.CSS_SELECTOR, ".elder-switch button").click()
        time.sleep(0.3)
        d.get(BASE + "/community/341524001001/care/visits")
        check("王奶奶" in d.page_source, "care: the grid worker's visit list names 王奶奶")
        check(fits(d), "care: the visit list fits a phone in elder mode")
        shot(d, "phone-care-visits-elder")
        links = [a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "a") if "/care/visits/" in (a.get_attribute("href") or "")]
        if links:
            d.get(links[0])
            check(fits(d), "care: the visit form fits a phone in elder mode")
            shot(d, "phone-care-visit-form-elder")
    finally:
        d.quit()


def bills():
    """社区缴费 on a phone, JavaScript off: the property company bills one building, 张三 pays with the test provider."""
    d = browser(390, 844, javascript=False)
    try:
        sign_in(d, "13800000001")
        d.get(BASE + "/me/community/bills")
        check("缴费" in d.page_source, "bills: the resident's bills page opens")
        check(fits(d), "bills: the bills page fits a phone")
        shot(d, "phone-bills")
    finally:
        d.quit()



def security():
    """访客通行证 on a phone in elder mode with JavaScript off: 张三 issues a pass, the pass page shows its QR code; the
    community's staff see the security desk."""
    d = browser(390, 844, javascript=False)
    try:
        sign_in(d, "13800000001")
        d.find_element(By.CSS_SELECTOR, ".elder-switch button").click()
        time.sleep(0.3)
        d.get(BASE + "/me/visitors")
        check(fits(d), "security: the visitor pass form fits a phone in elder mode")
        shot(d, "phone-visitors-elder")
        d.find_element(By.NAME, "visitorName").send_keys("李小红")
        d.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
        time.sleep(0.5)
        check("/passes/" in d.current_url and "<svg" in d.page_source, "security: the new pass opens with its QR code")
        check(fits(d), "security: the pass page fits a phone")
        shot(d, "phone-visitor-pass-elder")
    finally:
        d.quit()
    staff = browser(390, 844, javascript=False)
    try:
        sign_in(staff, "community.fcy")
        staff.get(BASE + "/community/341502001001/security")
        check("社区安防" in staff.page_source and "登记门禁卡" in staff.page_source, "security: the staff's desk opens")
        check(fits(staff), "security: the desk fits a phone")
        shot(staff, "phone-security-desk")
    finally:
        staff.quit()


def appointments():
    """预约挂号 on a phone in elder mode, JavaScript off; 取号 at a hall kiosk; the 叫号屏 on a TV; the clerk calls."""
    d = browser(390, 844, javascript=False)
    try:
        sign_in(d, "13800000001")
        d.find_element(By.CSS_SELECTOR, ".elder-switch button").click()
        time.sleep(0.3)
        d.get(BASE + "/hospitals")
        check("六安市人民医院" in d.page_source, "appointments: the hospitals are listed")
        check(fits(d), "appointments: the hospital list fits a phone in elder mode")
        shot(d, "phone-hospitals-elder")
        d.get(BASE + "/hospitals/lasrmyy/ek")
        check(fits(d), "appointments: a department's week fits a phone")
        shot(d, "phone-hospital-week-elder")
        links = [a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "a.button") if "/hospitals/book/" in (a.get_attribute("href") or "")]
        check(bool(links), "appointments: some session can be booked")
        if links:
            d.get(links[0])
            shot(d, "phone-hospital-confirm-elder")
            d.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
            time.sleep(0.5)
            check("预约码" in d.page_source, "appointments: the booking shows its code")
            check(fits(d), "appointments: my bookings fit a phone")
            shot(d, "phone-clinic-bookings-elder")
    finally:
        d.quit()
    kiosk = browser(1080, 1920, javascript=False)
    try:
        kiosk.get(BASE + "/halls/city/take")
        kiosk.find_element(By.CSS_SELECTOR, "input[name=department][value=rs]").click()
        kiosk.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
        time.sleep(0.5)
        check("您的号码" in kiosk.page_source and "A0" in kiosk.page_source, "appointments: a walk-in takes a number")
        shot(kiosk, "hall-number")
    finally:
        kiosk.quit()
    clerk = browser(1280, 800, javascript=False)
    try:
        sign_in(clerk, "clerk")
        clerk.get(BASE + "/workbench/queue?hall=city&window=4")
        clerk.find_element(By.XPATH, "//button[text()='叫下一位']").click()
        time.sleep(0.5)
        check("已叫号" in clerk.page_source, "appointments: the clerk calls the number")
        shot(clerk, "clerk-queue")
    finally:
        clerk.quit()
    tv = browser(1920, 1080, javascript=False)
    try:
        tv.get(BASE + "/halls/city/display")
        check("请到 4 号窗口" in tv.page_source, "appointments: the TV shows the number called to window 4")
        shot(tv, "hall-display-tv")
    finally:
        tv.quit()


def interviews():
    """在线访谈: a citizen's phone (JavaScript on, elder mode) keeps the live page open while 人社局's staff answer
    through the API; the answer appears there within a second without a reload. The same page with JavaScript off
    reloads itself only while live, and both show the transcript after the end."""
    token = lambda login: api("/api/v1/auth/token", {"login": login, "password": "Tongban2026"})["token"]
    staff, citizen = token("handler.rs"), token("13800000001")
    interview = api("/api/v1/interviews", {"department": "rs", "title": "就业创业政策在线访谈", "guest": "市人社局局长",
                                          "summary": "解答灵活就业参保、创业担保贷款等问题。",
                                          "startsAt": "2026-12-01T09:30", "endsAt": "2026-12-01T11:00"}, staff)
    page = BASE + "/interviews/" + interview["id"]
    first = api(f"/api/v1/interviews/{interview['id']}/questions", {"text": "灵活就业人员怎样在网上缴纳养老保险？"}, citizen)
    second = api(f"/api/v1/interviews/{interview['id']}/questions", {"text": "创业担保贷款最高能贷多少，要什么材料？"}, citizen)
    for question in (first, second):
        api(f"/api/v1/interviews/{interview['id']}/questions/{question['id']}/decision", {"decision": "select"}, staff)

    live = browser(390, 844)
    quiet = browser(390, 844, javascript=False)
    try:
        sign_in(live, "13800000001")
        live.find_element(By.CSS_SELECTOR, ".elder-switch button").click()
        time.sleep(0.3)
        live.get(page)
        check(fits(live), "interviews: the announced interview fits a phone in elder mode")
        shot(live, "phone-interview-scheduled-elder")
        api(f"/api/v1/interviews/{interview['id']}/start", {}, staff)
        deadline = time.time() + 2
        while "直播中" not in live.find_element(By.ID, "interview-state").text and time.time() < deadline:
            time.sleep(0.05)
        check("直播中" in live.find_element(By.ID, "interview-state").text, "interviews: the open page shows 直播中 without a reload")
        live.execute_script("window.__notReloaded = true")
        answered = time.time()
        api(f"/api/v1/interviews/{interview['id']}/questions/{first['id']}/answer", {"answer": "登录皖事通，进入社保缴费，选择灵活就业人员养老保险即可。"}, staff)
        while "皖事通" not in live.find_element(By.ID, "transcript").text and time.time() < answered + 3:
            time.sleep(0.02)
        took = time.time() - answered
        check("皖事通" in live.find_element(By.ID, "transcript").text and took < 1.0,
              f"interviews: the answer appears on the open page in {took:.2f} s (under 1 s)")
        check(live.execute_script("return window.__notReloaded === true"), "interviews: the page was not reloaded")
        check(fits(live), "interviews: the live page fits a phone in elder mode")
        live.execute_script("document.getElementById('transcript-card').scrollIntoView()")
        shot(live, "phone-interview-live-elder")

        quiet.get(page)
        check(bool(quiet.find_elements(By.CSS_SELECTOR, "meta[http-equiv=refresh]")) and "刷新" in quiet.page_source,
              "interviews: with JavaScript off the live page refreshes itself and offers 刷新")
        check("皖事通" in quiet.find_element(By.ID, "transcript").text, "interviews: the transcript shows without JavaScript")
        check(fits(quiet), "interviews: the page fits a phone without JavaScript")
        quiet.execute_script("document.getElementById('transcript-card').scrollIntoView()")
        shot(quiet, "phone-interview-live-nojs")

        desk = browser(1280, 900, javascript=False)
        try:
            sign_in(desk, "handler.rs")
            desk.get(page)
            desk.execute_script("document.getElementById('moderation').scrollIntoView()")
            check("发布回答" in desk.page_source and "结束访谈" in desk.page_source, "interviews: while live the staff can answer the next question and end")
            shot(desk, "desktop-interview-moderation-live")
        finally:
            desk.quit()

        ended = api(f"/api/v1/interviews/{interview['id']}/end", {}, staff)
        check(len(ended["tickets"]) == 1, "interviews: the unanswered question becomes one 12345 consultation")
        deadline = time.time() + 2
        while "已结束" not in live.find_element(By.ID, "interview-state").text and time.time() < deadline:
            time.sleep(0.05)
        check("已结束" in live.find_element(By.ID, "interview-state").text, "interviews: the open page shows the end")
        live.get(page)
        check("已转12345咨询" in live.page_source and "皖事通" in live.page_source, "interviews: the asker sees the ticket number; the transcript stays")
        live.execute_script("document.getElementById('mine').scrollIntoView()")
        shot(live, "phone-interview-ended-elder")
        quiet.get(page)
        check(not quiet.find_elements(By.CSS_SELECTOR, "meta[http-equiv=refresh]"), "interviews: an ended page no longer refreshes itself")
    finally:
        live.quit()
        quiet.quit()
    d = browser(1280, 900, javascript=False)
    try:
        sign_in(d, "handler.rs")
        d.get(BASE + "/interviews")
        check("往期访谈" in d.page_source and "就业创业政策在线访谈" in d.page_source, "interviews: the list shows the past interview")
        d.get(page)
        check("主持与回答" in d.page_source and not d.find_elements(By.ID, "upcoming"), "interviews: the staff see the moderation section; nothing is 即将回答 after the end")
        d.execute_script("document.getElementById('moderation').scrollIntoView()")
        shot(d, "desktop-interview-moderation")
    finally:
        d.quit()

if __name__ == "__main__":
    sys.exit(main())
