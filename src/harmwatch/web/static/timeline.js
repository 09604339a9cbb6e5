/* The timeline: killed (best) per period as bars over the low–high band, drawn as SVG; each bar links to
   the same filters narrowed to its period, and a table gives the figures to screen readers. */
(function () {
  "use strict";
  var el = document.getElementById("timeline");
  if (!el) { return; }
  var NS = "http://www.w3.org/2000/svg";
  function node(name, attrs, parent) {
    var n = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(n); }
    return n;
  }
  fetch(el.getAttribute("data-timeline")).then(function (r) { return r.json(); }).then(function (d) {
    el.innerHTML = "";
    var p = document.createElement("p");
    p.textContent = d.total + " incidents; killed (best) " + d.killed_best + ", band " + d.killed_low + "–" + d.killed_high +
      (d.open_high ? " (" + d.open_high + " open-ended)" : "") + "; per " + d.unit + ".";
    el.appendChild(p);
    if (!d.series.length) { el.setAttribute("data-loaded", "0"); return; }
    var W = 900, H = 180, pad = 28, n = d.series.length;
    var max = Math.max.apply(null, d.series.map(function (s) { return Math.max(s.killed_high, s.killed_best, 1); }));
    var svg = node("svg", { viewBox: "0 0 " + W + " " + (H + pad), role: "img", "aria-label": "Killed per " + d.unit }, el);
    var bw = Math.max(1, (W - 2 * pad) / n);
    var base = new URL(el.getAttribute("data-base"), window.location.href);
    d.series.forEach(function (s, i) {
      var x = pad + i * bw;
      var yh = H - (s.killed_high / max) * (H - 10), yl = H - (s.killed_low / max) * (H - 10), yb = H - (s.killed_best / max) * (H - 10);
      node("rect", { x: x, y: yh, width: Math.max(1, bw - 1), height: Math.max(0, yl - yh), "class": "band" }, svg);
      var link = base; link.searchParams.set("date_from", s.start); link.searchParams.set("date_to", s.end);
      var a = node("a", { href: link.pathname + link.search }, svg);
      var bar = node("rect", { x: x + bw * 0.2, y: yb, width: Math.max(1, bw * 0.6), height: Math.max(0, H - yb), "class": "bar" }, a);
      var title = node("title", {}, bar);
      title.textContent = s.start + (s.end !== s.start ? " – " + s.end : "") + ": " + s.n + " incidents, killed " + s.killed_best + " (" + s.killed_low + "–" + s.killed_high + ")";
    });
    node("line", { x1: pad, x2: W - pad, y1: H, y2: H, stroke: "#333" }, svg);
    var t1 = node("text", { x: pad, y: H + 18 }, svg); t1.textContent = d.series[0].start;
    var t2 = node("text", { x: W - pad, y: H + 18, "text-anchor": "end" }, svg); t2.textContent = d.series[n - 1].end;
    var t3 = node("text", { x: pad, y: 12 }, svg); t3.textContent = "max " + max;
    var det = document.createElement("details");
    var sum = document.createElement("summary"); sum.textContent = "Figures as a table"; det.appendChild(sum);
    var tbl = document.createElement("table");
    var head = tbl.createTHead().insertRow();
    ["from", "to", "incidents", "killed low", "best", "high"].forEach(function (h) { var th = document.createElement("th"); th.scope = "col"; th.textContent = h; head.appendChild(th); });
    var body = tbl.createTBody();
    d.series.forEach(function (s) {
      var r = body.insertRow();
      [s.start, s.end, s.n, s.killed_low, s.killed_best, s.killed_high].forEach(function (v) { r.insertCell().textContent = String(v); });
    });
    det.appendChild(tbl); el.appendChild(det);
    el.setAttribute("data-loaded", String(n));
  });
})();
