// 在线访谈: adds each answer to the transcript the moment it is given, without reloading. Progressive enhancement
// only: without this file (or EventSource) the page reloads itself while live and shows the same transcript.
// Writes text nodes only, never HTML, so nothing a citizen typed can run here.
(function () {
  var list = document.getElementById("transcript");
  if (!list || !window.EventSource || !window.JSON) return;
  var url = list.getAttribute("data-events");
  if (!url) return;
  var guest = list.getAttribute("data-guest") || "";

  function line(strong, text, className) {
    var p = document.createElement("p");
    if (className) p.className = className;
    if (strong) {
      var b = document.createElement("strong");
      b.textContent = strong;
      p.appendChild(b);
    }
    p.appendChild(document.createTextNode(text));
    return p;
  }

  var source = new EventSource(url);
  source.addEventListener("answer", function (event) {
    var a = JSON.parse(event.data);
    if (document.getElementById("answer-" + a.id)) return; // already on the page (a reconnect)
    var item = document.createElement("li");
    item.id = "answer-" + a.id;
    item.appendChild(line("网友 " + a.asker, " 问：" + a.question));
    item.appendChild(line(guest, " 答：" + a.answer));
    item.appendChild(line(null, a.answeredAtText, "muted"));
    list.appendChild(item);
    var empty = document.getElementById("transcript-empty");
    if (empty) empty.parentNode.removeChild(empty);
    var waiting = document.getElementById("upcoming-" + a.id);
    if (waiting) waiting.parentNode.removeChild(waiting);
  });
  source.addEventListener("state", function (event) {
    var change = JSON.parse(event.data);
    var badge = document.getElementById("interview-state");
    if (badge) badge.textContent = change.title;
    var note = document.getElementById("live-note");
    if (change.state === "live" && !note) {
      note = document.createElement("p");
      note.className = "notice";
      note.id = "live-note";
      note.textContent = "直播中：新的回答会自动出现在下方。";
      list.parentNode.insertBefore(note, list);
    }
    if (change.state === "ended") {
      source.close();
      if (note) note.textContent = "访谈已结束，以下为访谈实录。";
    }
  });
})();
