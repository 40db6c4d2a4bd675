// The alerts page keeps itself current: every few seconds it asks /api/v1/alerts (the server's
// snapshot follows the store, so alerts that an ingest or `flashpoint watch` adds show up) and puts
// the alerts it does not show yet at the top, marked new. No reload, nothing from outside.
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live) return;
  var by = live.dataset.by, every = Number(live.dataset.every || 5000);
  var list = document.getElementById("alert-list");
  var shown = new Set(Array.prototype.map.call(list.querySelectorAll("section.alert"),
                                               function (s) { return s.dataset.key; }));
  var added = 0;

  function key(a) { return a.flashpoint + "|" + a.rule + "|" + a.period.end; }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function section(a) {
    var s = el("section", "alert new");
    s.dataset.key = key(a);
    var h = el("h3");
    var link = el("a", null, a.flashpoint);
    link.href = "/flashpoints/" + encodeURIComponent(a.flashpoint);
    h.appendChild(link);
    h.appendChild(document.createTextNode(": " + a.rule + ", " + a.period.start + " – " + a.period.end +
      " (" + a.value.toFixed(1) + " vs " + a.baseline.toFixed(1) + ")"));
    s.appendChild(h);
    var ul = el("ul", "reasons");
    a.reasons.forEach(function (r) { ul.appendChild(el("li", null, r)); });
    s.appendChild(ul);
    return s;
  }

  function poll() {
    fetch("/api/v1/alerts?limit=500&by=" + encodeURIComponent(by), {headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        if (!body) return;
        var fresh = body.items.filter(function (a) { return !shown.has(key(a)); });
        fresh.reverse().forEach(function (a) {
          shown.add(key(a));
          list.insertBefore(section(a), list.firstChild);
          added += 1;
        });
        var none = document.getElementById("no-alerts");
        if (fresh.length && none) none.remove();
        if (added) live.textContent = added + " new alert" + (added === 1 ? "" : "s") + " since this page was opened";
      })
      .catch(function () { /* the server is restarting: try again at the next tick */ })
      .then(function () { window.setTimeout(poll, every); });
  }
  window.setTimeout(poll, every);
})();
