/* The incidents map: offline base layer (country outlines + governorate names) unless a tile server is set;
   markers clustered, precision shown by marker style; large sets arrive as grid cells with counts. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }
  var map = L.map(el, { preferCanvas: false, worldCopyJump: true, maxZoom: 16, minZoom: 2 }).setView([35.0, 38.5], 6);
  var tiles = el.getAttribute("data-tiles");
  var lang = el.getAttribute("data-lang");
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, attribution: "map tiles: configured server" }).addTo(map);
  } else {
    fetch("/static/vendor/world-atlas/countries-50m.json").then(function (r) { return r.json(); }).then(function (topo) {
      var geo = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(geo, { style: { color: "#6b6b6b", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 }, interactive: false }).addTo(map).bringToBack();
    });
    map.attributionControl.addAttribution("Natural Earth (world-atlas) · GeoNames");
    fetch(el.getAttribute("data-places")).then(function (r) { return r.json(); }).then(function (d) {
      d.places.forEach(function (p) {
        var label = (lang === "ar" && p.name_ar) ? p.name_ar : p.name;
        L.tooltip({ permanent: true, direction: "center", className: "hw-admin1", interactive: false })
          .setLatLng([p.lat, p.lon]).setContent(document.createTextNode(label).textContent).addTo(map);
      });
    });
  }
  function style(p) {
    var prec = p.precision || 3;
    var r = 6 + Math.min(10, Math.sqrt(p.killed_best || 0));
    if (p.derived) { return { radius: r + 4, color: "#a40000", weight: 2, dashArray: "4 3", fillColor: "#ffffff", fillOpacity: 0.6 }; }
    if (prec === 1) { return { radius: r, color: "#a40000", weight: 2, fillColor: "#a40000", fillOpacity: 0.85 }; }
    if (prec === 2) { return { radius: r + 2, color: "#a40000", weight: 2, fillColor: "#e07070", fillOpacity: 0.6 }; }
    return { radius: r + 6, color: "#a40000", weight: 2, dashArray: "4 3", fillColor: "#e07070", fillOpacity: 0.25 };
  }
  function fig(p) {
    if (p.killed_low === null && p.killed_best === null) { return "killed: unknown"; }
    if (p.killed_high === null) { return "killed ≥" + p.killed_low; }
    return "killed " + (p.killed_low === p.killed_high ? p.killed_low : p.killed_low + "–" + p.killed_high);
  }
  function popup(p) {
    var div = document.createElement("div");
    var a = document.createElement("a");
    a.href = "/incidents/" + encodeURIComponent(p.id);
    a.textContent = (p.date || "undated") + " · " + (p.location || "");
    a.setAttribute("dir", "auto");
    div.appendChild(a);
    var s = document.createElement("div");
    s.textContent = fig(p) + " · precision " + (p.precision || "?") + (p.derived ? " (governorate point)" : "") + " · " + (p.grade || "");
    div.appendChild(s);
    return div;
  }
  fetch(el.getAttribute("data-map")).then(function (r) { return r.json(); }).then(function (d) {
    var bounds = [];
    if (d.mode === "points") {
      var group = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
      d.points.forEach(function (p) {
        var m = L.circleMarker([p.lat, p.lon], style(p)).bindPopup(popup(p));
        m.options.title = (p.location || "") + " " + fig(p);
        group.addLayer(m);
        bounds.push([p.lat, p.lon]);
      });
      map.addLayer(group);
    } else {
      d.cells.forEach(function (c) {
        var size = 24 + Math.min(36, Math.round(Math.log(c.n + 1) * 5));
        var icon = L.divIcon({ className: "hw-cell", iconSize: [size, size], html: String(c.n) });
        var m = L.marker([c.lat, c.lon], { icon: icon, title: c.n + " incidents, " + c.killed_best + " killed (best)", keyboard: true });
        m.on("click", function () { map.setView([c.lat, c.lon], Math.min(map.getZoom() + 2, 12)); });
        m.addTo(map);
        bounds.push([c.lat, c.lon]);
      });
    }
    el.setAttribute("data-loaded", d.mode + ":" + d.total);
    if (bounds.length) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 9 }); }
  });
})();
