import Vapor

/// The call sheet's only script: asks POST /api/v1/hotline/suggest while the operator types and shows where the
/// ticket would go. Served from this origin (the CSP allows no inline script); writes text nodes only.
extension OperatorPages {
    @Sendable func script(_ request: Request) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType.parse("application/javascript; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(string: Self.suggestScript))
    }

    static let suggestScript = #"""
    // Progressive enhancement: the call sheet works without this (查来电历史 and 搜索 show the same suggestions).
    (function () {
      var form = document.getElementById("call-form");
      var box = document.getElementById("live-suggest");
      if (!form || !box || !window.fetch || !window.JSON) return;
      var names = {};
      try { names = JSON.parse(box.getAttribute("data-names") || "{}"); } catch (e) {}
      var timer = null, last = "";
      function line(tag, text) { var el = document.createElement(tag); el.textContent = text; return el; }
      function show(data) {
        if (!data || !data.suggestions || !data.suggestions.length) return;
        while (box.firstChild) box.removeChild(box.firstChild);
        var head = document.createElement("p");
        head.appendChild(line("strong", data.wouldDispatch ? "登记后将自动派往：" : "建议派往（由派单员确认）："));
        box.appendChild(head);
        var list = document.createElement("ol");
        data.suggestions.forEach(function (s) {
          list.appendChild(line("li", (names[s.department] || s.department) + "（" + Math.round(s.confidence * 100) + "%）"));
        });
        box.appendChild(list);
        if (data.district && names[data.district]) {
          var hint = line("p", "识别区县：" + names[data.district]);
          hint.className = "hint";
          box.appendChild(hint);
        }
      }
      function ask() {
        var title = form.elements.title.value, body = form.elements.body.value, key = title + "\n" + body;
        if (key === last || (title + body).trim().length < 4) return;
        last = key;
        fetch("/api/v1/hotline/suggest", {
          method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": form.elements._csrf.value },
          body: JSON.stringify({ title: title, body: body })
        }).then(function (r) { return r.ok ? r.json() : null; }).then(show).catch(function () {});
      }
      form.addEventListener("input", function (event) {
        var name = event.target && event.target.name;
        if (name !== "title" && name !== "body") return;
        clearTimeout(timer);
        timer = setTimeout(ask, 600);
      });
    })();
    """#
}
