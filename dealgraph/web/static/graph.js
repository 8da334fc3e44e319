// The graph view: fetch /v1/graph for the entity, draw it with cytoscape, open a node's page on click,
// list an edge's evidence sentences in the side panel. Text is set with textContent only.
(function () {
  "use strict";
  var box = document.getElementById("cy");
  var panel = document.getElementById("panel");
  var status = document.getElementById("graph-status");
  if (!box || typeof cytoscape === "undefined") { return; }
  var colours = { Person: "#5b83d6", Organization: "#d39432", Country: "#3f9a5d", Location: "#8a93a3", Project: "#a155b9" };
  var url = "/v1/graph?entity=" + encodeURIComponent(box.dataset.entity) + "&depth=" + encodeURIComponent(box.dataset.depth);

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }

  function showEdge(edge, names) {
    panel.replaceChildren();
    var d = edge.data();
    panel.appendChild(el("h3", names[d.source] + " → " + names[d.target]));
    panel.appendChild(el("p", d.label + " · " + d.weight + " article" + (d.weight === 1 ? "" : "s"), "muted"));
    var list = el("ol");
    d.evidence.forEach(function (ev) {
      var item = el("li");
      var link = el("a", "“" + ev.sentence + "”", "cite");
      link.href = "/ui/articles/" + encodeURIComponent(ev.article_id) + "#" + encodeURIComponent(ev.event_id);
      item.appendChild(link);
      list.appendChild(item);
    });
    panel.appendChild(list);
  }

  fetch(url, { headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(function (g) {
      var names = {};
      var elements = [];
      g.nodes.forEach(function (n) {
        names[n.id] = n.name;
        var listed = n.hits.some(function (h) { return !h.dismissed; });
        elements.push({ data: { id: n.id, label: n.name, type: n.type, hop: n.hop, listed: listed ? 1 : 0 } });
      });
      g.edges.forEach(function (e, i) {
        elements.push({ data: { id: "e" + i, source: e.source, target: e.target, label: e.label, weight: e.weight, evidence: e.evidence } });
      });
      var cy = cytoscape({
        container: box,
        elements: elements,
        minZoom: 0.2,
        maxZoom: 1.6,
        style: [
          { selector: "node", style: { "background-color": function (n) { return colours[n.data("type")] || "#999"; },
            label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 4, width: 22, height: 22,
            "text-wrap": "wrap", "text-max-width": 120, color: "#1d2330", "text-background-color": "#fff",
            "text-background-opacity": 0.8, "text-background-padding": 1 } },
          { selector: "node[hop = 0]", style: { width: 36, height: 36, "font-weight": "bold", "font-size": 13 } },
          { selector: "node[listed = 1]", style: { "border-width": 4, "border-color": "#b4232c" } },
          { selector: "edge", style: { width: function (e) { return Math.min(1.5 + e.data("weight"), 9); },
            "line-color": "#a9b6cf", "target-arrow-color": "#a9b6cf", "target-arrow-shape": "triangle",
            "curve-style": "bezier", label: "data(label)", "font-size": 9, color: "#4a5470",
            "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.85 } },
          { selector: "edge:selected", style: { "line-color": "#2457c5", "target-arrow-color": "#2457c5", width: 5 } }
        ],
        // An ego network reads best in rings: the entity in the middle, each hop one ring further out.
        layout: { name: "concentric", animate: false, padding: 40, minNodeSpacing: 70, startAngle: Math.PI / 7,
          concentric: function (n) { return 10 - n.data("hop"); }, levelWidth: function () { return 1; } }
      });
      cy.on("tap", "node", function (evt) { window.location.href = "/ui/entities/" + encodeURIComponent(evt.target.id()); });
      cy.on("tap", "edge", function (evt) { showEdge(evt.target, names); });
      window.__graph = { nodes: cy.nodes().length, edges: cy.edges().length, cy: cy };
      status.textContent = g.nodes.length + " nodes, " + g.edges.length + " edges" + (g.truncated ? " (the best-connected shown; more exist)" : "");
      box.dataset.ready = "1";
    })
    .catch(function (err) { status.textContent = "Could not load the graph: " + err.message; box.dataset.ready = "error"; });
})();
