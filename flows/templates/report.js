// Sorting and filtering of the comparison table. Without scripts the report still shows every
// value and its quote (the quote panels open through #anchors and CSS :target).
(function () {
  "use strict";
  var table = document.getElementById("comparison-table");
  function key(cell, type) {
    var raw = cell ? cell.getAttribute("data-sort") : "";
    if (type === "num") {
      var n = parseFloat(raw);
      if (!isNaN(n)) return n;
      var m = /(\d+(?:[.,]\d+)?)/.exec(raw || "");
      return m ? parseFloat(m[1].replace(",", ".")) : null;
    }
    return (raw || "").toLocaleLowerCase("vi");
  }
  function sortBy(index, th) {
    var body = table.tBodies[0];
    var type = th.getAttribute("data-type");
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[index], type), y = key(b.cells[index], type);
      if (x === null && y === null) return 0;
      if (x === null) return 1;   // empty cells last, whichever the direction
      if (y === null) return -1;
      var c = x < y ? -1 : x > y ? 1 : 0;
      return ascending ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function filter() {
    var province = document.getElementById("filter-province").value;
    var level = document.getElementById("filter-level").value;
    var phase = document.getElementById("filter-phase").value;
    if (table) {
      table.querySelectorAll("[data-province]").forEach(function (cell) {
        var hide = (province && cell.getAttribute("data-province") !== province) || (level && cell.getAttribute("data-level") !== level);
        cell.classList.toggle("hidden", !!hide);
      });
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.classList.toggle("hidden", !!phase && row.getAttribute("data-phase") !== phase);
      });
    }
    document.querySelectorAll("figure.chart").forEach(function (fig) {
      fig.classList.toggle("hidden", !!phase && fig.getAttribute("data-phase") !== phase);
    });
  }
  if (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.querySelector("button.sort").addEventListener("click", function () { sortBy(index, th); });
    });
  }
  ["filter-province", "filter-level", "filter-phase"].forEach(function (id) {
    document.getElementById(id).addEventListener("change", filter);
  });
})();
