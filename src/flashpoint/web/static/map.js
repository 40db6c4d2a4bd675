// flashpoint map: pan by dragging and zoom with the wheel, by changing the SVG's viewBox.
// Written for this project; no library, nothing loaded from the network.
(function () {
  "use strict";
  var svg = document.getElementById("map");
  if (!svg) { return; }
  var vb = svg.getAttribute("viewBox").split(" ").map(Number);
  var full = vb.slice();
  function apply() { svg.setAttribute("viewBox", vb.join(" ")); }
  function point(evt) {
    var r = svg.getBoundingClientRect();
    var scale = Math.max(vb[2] / r.width, vb[3] / r.height);
    var ox = (r.width * scale - vb[2]) / 2, oy = (r.height * scale - vb[3]) / 2;
    return { x: vb[0] - ox + (evt.clientX - r.left) * scale, y: vb[1] - oy + (evt.clientY - r.top) * scale, scale: scale };
  }
  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var p = point(evt), k = evt.deltaY < 0 ? 0.8 : 1.25;
    var w = Math.min(Math.max(vb[2] * k, 0.5), 360), h = w * vb[3] / vb[2];
    vb = [p.x - (p.x - vb[0]) * w / vb[2], p.y - (p.y - vb[1]) * h / vb[3], w, h];
    apply();
  }, { passive: false });
  var drag = null;
  svg.addEventListener("pointerdown", function (evt) { drag = { x: evt.clientX, y: evt.clientY, vb: vb.slice(), moved: false }; });
  window.addEventListener("pointermove", function (evt) {
    if (!drag) { return; }
    var s = point(evt).scale, dx = evt.clientX - drag.x, dy = evt.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; }
    vb = [drag.vb[0] - dx * s, drag.vb[1] - dy * s, vb[2], vb[3]];
    apply();
  });
  window.addEventListener("pointerup", function () { setTimeout(function () { drag = null; }, 0); });
  svg.addEventListener("click", function (evt) { if (drag && drag.moved) { evt.preventDefault(); } }, true);
  svg.addEventListener("dblclick", function () { vb = full.slice(); apply(); });
})();
