// The graph view: fetch /v1/graph for the entity, draw it with cytoscape, open a node's page on click,
// show an edge's events (type, modality, who says, date, sentence) in the side panel. Colours and shapes
// are read from the legend the page renders (#legend), so the drawing and its key agree. A node's
// sanctions mark follows its hits' status as the badges show it: "listed" (a red ring) outranks
// "to review" (a dashed amber ring); dismissed hits mark nothing. Text is set with textContent only.
(function () {
  "use strict";
  var box = document.getElementById("cy");
  var panel = document.getElementById("panel");
  var status = document.getElementById("graph-status");
  if (!box || typeof cytoscape === "undefined") { return; }
  var nodeStyle = {};
  document.querySelectorAll("#legend [data-node]").forEach(function (s) {
    nodeStyle[s.dataset.node] = { colour: getComputedStyle(s).backgroundColor, shape: s.dataset.shape };
  });
  var edgeColour = {};
  document.querySelectorAll("#legend [data-edge]").forEach(function (s) { edgeColour[s.dataset.edge] = s.dataset.colour; });
  var ring = {};  // "listed" and "to review": the legend's ring swatches, as the stylesheet draws them
  document.querySelectorAll("#legend [data-mark]").forEach(function (s) {
    var css = getComputedStyle(s);
    ring[s.dataset.mark] = { colour: css.borderTopColor, style: css.borderTopStyle };
  });
  var url = "/v1/graph?entity=" + encodeURIComponent(box.dataset.entity) + "&depth=" + encodeURIComponent(box.dataset.depth);

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }

  // The worst status among a node's undismissed hits: "listed", "review" or "" (none).
  function mark(hits) {
    var st = hits.map(function (h) { return h.status; });  // "listed", "to review" or "dismissed"
    return st.indexOf("listed") >= 0 ? "listed" : (st.indexOf("to review") >= 0 ? "review" : "");
  }

  function showEdge(edge, names) {
    panel.replaceChildren();
    var d = edge.data();
    panel.appendChild(el("h3", names[d.source] + " → " + names[d.target]));
    var head = el("p", null, "muted");
    var type = el("span", d.label, "ev-type edge-type");
    type.style.borderLeftColor = edgeColour[d.label];
    head.appendChild(type);
    head.appendChild(document.createTextNode(" · " + d.weight + " article" + (d.weight === 1 ? "" : "s")));
    panel.appendChild(head);
    var list = el("ol");
    d.evidence.forEach(function (ev) {
      var item = el("li");
      var meta = el("div", null, "small");
      meta.appendChild(el("span", ev.modality, "mod m-" + ev.modality));
      meta.appendChild(document.createTextNode(" "));
      if (ev.source_id) {
        meta.appendChild(document.createTextNode("says "));
        var who = el("a", ev.source_name || ev.source_id, "source");
        who.href = "/ui/entities/" + encodeURIComponent(ev.source_id);
        meta.appendChild(who);
      } else {
        meta.appendChild(el("span", "the article says", "source muted"));
      }
      var when = ev.event_date || ev.published;
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("span", when ? when + (ev.event_date ? "" : " (published)") : "undated", "when"));
      item.appendChild(meta);
      var link = el("a", "“" + ev.sentence + "”", "cite");
      link.href = "/ui/articles/" + encodeURIComponent(ev.article_id) + "#at-" + encodeURIComponent(ev.event_id);
      item.appendChild(link);
      list.appendChild(item);
    });
    panel.appendChild(list);
  }

  function colourOf(e) { return edgeColour[e.data("label")]; }  // the legend has every type

  fetch(url, { headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(function (g) {
      var names = {};
      var elements = [];
      g.nodes.forEach(function (n) {
        names[n.id] = n.name;
        elements.push({ data: { id: n.id, label: n.name, type: n.type, hop: n.hop, mark: mark(n.hits) } });
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
          { selector: "node", style: { "background-color": function (n) { return (nodeStyle[n.data("type")] || {}).colour || "#999"; },
            shape: function (n) { return (nodeStyle[n.data("type")] || {}).shape || "ellipse"; }, label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 4, width: 22, height: 22,
            "text-wrap": "wrap", "text-max-width": 120, color: "#1d2330", "text-background-color": "#fff",
            "text-background-opacity": 0.8, "text-background-padding": 1 } },
          { selector: "node[hop = 0]", style: { width: 36, height: 36, "font-weight": "bold", "font-size": 13 } },
          { selector: "node[mark = 'listed']", style: { "border-width": 4, "border-color": ring.listed.colour, "border-style": ring.listed.style } },
          { selector: "node[mark = 'review']", style: { "border-width": 3, "border-color": ring["to review"].colour, "border-style": ring["to review"].style } },
          { selector: "edge", style: { width: function (e) { return Math.min(1.5 + e.data("weight"), 9); },
            "line-color": colourOf, "target-arrow-color": colourOf, "target-arrow-shape": "triangle",
            "curve-style": "bezier", label: "data(label)", "font-size": 9, color: "#4a5470",
            "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.85 } },
          { selector: "edge:selected", style: { width: 6, "underlay-color": "#2457c5", "underlay-opacity": 0.25, "underlay-padding": 4 } }
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
