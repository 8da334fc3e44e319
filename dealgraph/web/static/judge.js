// Merge / split / dismiss from the entity page: each form posts JSON with the bearer token typed in
// the page (never stored), then follows the resulting entity.
(function () {
  "use strict";
  var root = document.querySelector("[data-entity]");
  var result = document.getElementById("judge-result");
  if (!root || !result) { return; }
  var entity = root.dataset.entity;
  document.querySelectorAll(".judge form[data-action]").forEach(function (form) {
    form.addEventListener("submit", function (evt) {
      evt.preventDefault();
      var action = form.dataset.action;
      var body = { user: document.getElementById("user").value || "analyst" };
      var path = "/v1/entities/" + encodeURIComponent(entity) + "/" + action;
      if (action === "merge") { body.other = form.elements.other.value; }
      if (action === "split") { body.article_id = form.elements.article_id.value; body.key = form.elements.key.value; }
      if (action === "dismiss") { path = "/v1/entities/" + encodeURIComponent(entity) + "/hits/" + encodeURIComponent(form.dataset.hit) + "/dismiss"; }
      fetch(path, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: "Bearer " + document.getElementById("token").value },
        body: JSON.stringify(body)
      }).then(function (r) {
        return r.json().then(function (data) { return { ok: r.ok, status: r.status, data: data }; });
      }).then(function (res) {
        if (!res.ok) { result.textContent = "Refused (" + res.status + "): " + (res.data.detail || res.data.error); return; }
        result.textContent = action + " done: " + res.data.entity_id;
        window.location.href = "/ui/entities/" + encodeURIComponent(res.data.entity_id);
      }).catch(function (err) { result.textContent = "Failed: " + err.message; });
    });
  });
})();
