// dataforge review: verdict buttons, keyboard (j/k next/previous, a accept, r reject, f flag, / search),
// the run selector, and the edit-sequence player. No inline script: the server's CSP forbids it.
(function () {
  "use strict";
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  var page = document.body.getAttribute("data-page");
  var run = document.body.getAttribute("data-run") || "";

  function status(text) {
    var el = document.getElementById("verdict-status");
    if (el) { el.textContent = text; }
  }

  function sendVerdict(id, verdict) {
    var noteInput = document.getElementById("verdict-note");
    var body = { id: id, verdict: verdict, run: run };
    var note = noteInput ? noteInput.value : "";
    if (note) { body.note = note; }
    return fetch("/api/verdicts", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) {
        return response.text().then(function (t) { status("error " + response.status + ": " + t); });
      }
      document.querySelectorAll('.verdict-buttons[data-id="' + CSS.escape(id) + '"] .verdict-current').forEach(function (el) {
        el.textContent = verdict;
        el.setAttribute("data-verdict", verdict);
      });
      document.querySelectorAll('.verdict-buttons[data-id="' + CSS.escape(id) + '"] .verdict-note').forEach(function (el) {
        el.textContent = note;
      });
      // On the list the note goes with one verdict; on a record's page it stays in its box.
      if (page === "samples" && noteInput) { noteInput.value = ""; }
      status("saved: " + verdict);
    }, function (e) { status("error: " + e); });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".verdict-btn") : null;
    if (button) {
      event.preventDefault();
      sendVerdict(button.getAttribute("data-id"), button.getAttribute("data-verdict"));
    }
  });

  var runSelect = document.getElementById("run-select");
  if (runSelect) {
    runSelect.addEventListener("change", function () { runSelect.form.submit(); });
  }

  // The sample list's keyboard selection.
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.sample-row"));
  var selected = rows.length > 0 ? 0 : -1;
  function select(i) {
    if (rows.length === 0) { return; }
    selected = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (row, j) { row.classList.toggle("selected", j === selected); });
    rows[selected].scrollIntoView({ block: "nearest" });
  }
  if (rows.length > 0) { select(0); }
  rows.forEach(function (row, j) { row.addEventListener("click", function () { select(j); }); });

  function currentId() {
    if (page === "detail") { return (document.getElementById("sample") || { getAttribute: function () { return null; } }).getAttribute("data-id"); }
    return selected >= 0 ? rows[selected].getAttribute("data-id") : null;
  }

  function follow(id) {
    var link = document.getElementById(id);
    if (link) { window.location.href = link.getAttribute("href"); }
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") {
      if (event.key === "Escape") { event.target.blur(); }
      return;
    }
    var verdicts = { a: "accept", r: "reject", f: "flag" };
    if (event.key === "/") {
      var search = document.getElementById("search");
      if (search) { event.preventDefault(); search.focus(); search.select(); }
    } else if (event.key === "j") {
      if (page === "detail") { follow("next-sample"); } else { select(selected + 1); }
    } else if (event.key === "k") {
      if (page === "detail") { follow("prev-sample"); } else { select(selected - 1); }
    } else if (event.key === "Enter" && page === "samples" && selected >= 0) {
      window.location.href = rows[selected].getAttribute("data-href");
    } else if (verdicts[event.key]) {
      var id = currentId();
      if (id) { event.preventDefault(); sendVerdict(id, verdicts[event.key]); }
    }
  });

  // The LintSeq edit player: state k of the JSON data island, inserted lines highlighted.
  var data = document.getElementById("edit-states");
  if (data) {
    var states = JSON.parse(data.textContent);
    var view = document.getElementById("edit-view");
    var slider = document.getElementById("edit-slider");
    var label = document.getElementById("edit-step-label");
    var show = function (k) {
      k = Math.max(1, Math.min(states.length, k));
      slider.value = String(k);
      var state = states[k - 1];
      while (view.firstChild) { view.removeChild(view.firstChild); }
      state.lines.forEach(function (line, i) {
        var span = document.createElement("span");
        span.className = state.inserted.indexOf(i) >= 0 ? "line inserted" : "line";
        span.textContent = line;
        view.appendChild(span);
        view.appendChild(document.createTextNode("\n"));
      });
      label.textContent = "step " + k + " of " + states.length;
      view.setAttribute("data-step", String(k));
    };
    document.getElementById("edit-prev").addEventListener("click", function () { show(Number(slider.value) - 1); });
    document.getElementById("edit-next").addEventListener("click", function () { show(Number(slider.value) + 1); });
    slider.addEventListener("input", function () { show(Number(slider.value)); });
    show(states.length);
  }
})();
