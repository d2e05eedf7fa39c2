// align HTML report: the evidence behind a heatmap cell, shown on hover or focus, pinned on click.
// Plan text is inserted with textContent only (never innerHTML), so a title cannot inject markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("align-data").textContent);
  var L = data.labels;
  var panel = document.getElementById("detail");
  var pinned = null;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // Text with [start, end) marks (UTF-16 offsets) wrapped in <mark>.
  function marked(tag, text, marks, lang) {
    var node = el(tag);
    if (lang) node.lang = lang;
    var pos = 0;
    (marks || []).forEach(function (m) {
      node.appendChild(document.createTextNode(text.slice(pos, m[0])));
      node.appendChild(el("mark", null, text.slice(m[0], m[1])));
      pos = m[1];
    });
    node.appendChild(document.createTextNode(text.slice(pos)));
    return node;
  }

  function fill(button) {
    var key = button.getAttribute("data-k");
    var cell = data.cells[key];
    var parts = key.split("|");
    var objective = data.objectives[Number(parts[0])];
    var strategy = data.items[parts[1]];
    panel.textContent = "";
    var close = el("button", "close", L.close);
    close.type = "button";
    close.addEventListener("click", function () { unpin(); hide(); });
    panel.appendChild(close);
    var head = el("h4");
    head.appendChild(el("span", "ref", objective.id + " "));
    head.appendChild(marked("span", objective.title, cell.objective_marks, objective.lang));
    panel.appendChild(head);
    var target = el("p");
    target.appendChild(el("span", "ref", parts[1] + " "));
    target.appendChild(marked("span", strategy.title, cell.strategy_marks, strategy.lang));
    panel.appendChild(target);
    var verdict = el("p");
    verdict.appendChild(document.createTextNode(L.score + ": " + cell.score.toFixed(2) + " · "));
    verdict.appendChild(el("span", "grade-" + cell.grade, cell.grade_label));
    verdict.appendChild(document.createTextNode(" · " + (cell.declared ? "◆ " + L.declared : L.suggested)));
    panel.appendChild(verdict);
    panel.appendChild(el("p", null, L.evidence + ":"));
    if (cell.evidence.length) {
      var chips = el("ul", "chips");
      cell.evidence.forEach(function (term) { chips.appendChild(el("li", null, term)); });
      panel.appendChild(chips);
    } else {
      panel.appendChild(el("p", "muted", L.evidence_none));
    }
    if (cell.measures.length) {
      panel.appendChild(el("p", null, L.measures + ":"));
      var table = el("table");
      // [target, score, grade, declared, evidence]
      cell.measures.forEach(function (m) {
        var item = data.items[m[0]];
        var row = el("tr");
        row.appendChild(el("td", "ref", item.id + (m[3] ? " ◆" : "")));
        var title = el("td", null, item.title);
        if (item.lang) title.lang = item.lang;
        row.appendChild(title);
        row.appendChild(el("td", "grade-" + m[2], m[1].toFixed(2)));
        row.appendChild(el("td", null, m[4].join(", ")));
        table.appendChild(row);
      });
      panel.appendChild(table);
    }
  }

  function place(button) {
    var box = button.getBoundingClientRect();
    panel.hidden = false;
    var width = panel.offsetWidth, height = panel.offsetHeight;
    var left = Math.min(box.right + 8, window.innerWidth - width - 12);
    if (left < box.right && box.left - width - 8 > 0) left = box.left - width - 8;
    var top = Math.min(box.top, window.innerHeight - height - 12);
    panel.style.left = Math.max(12, left) + "px";
    panel.style.top = Math.max(12, top) + "px";
  }

  function show(button) { fill(button); place(button); }
  function hide() { if (!pinned) panel.hidden = true; }
  function unpin() {
    if (pinned) pinned.parentNode.classList.remove("selected");
    pinned = null;
  }

  var map = document.querySelector("table.heatmap");
  if (!map) return;
  map.addEventListener("mouseover", function (e) {
    var button = e.target.closest("td.cell button");
    if (button && !pinned) show(button);
  });
  map.addEventListener("mouseleave", hide);
  map.addEventListener("focusin", function (e) {
    var button = e.target.closest("td.cell button");
    if (button && !pinned) show(button);
  });
  map.addEventListener("click", function (e) {
    var button = e.target.closest("td.cell button");
    if (!button) return;
    var same = pinned === button;
    unpin();
    if (same) { hide(); return; }
    pinned = button;
    button.parentNode.classList.add("selected");
    show(button);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { unpin(); hide(); }
  });
  document.addEventListener("click", function (e) {
    if (pinned && !panel.contains(e.target) && !map.contains(e.target)) { unpin(); hide(); }
  });

})();
