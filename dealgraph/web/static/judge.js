// Merge / split / dismiss from the entity page: each form posts JSON with the bearer token typed in
// the page, then follows the resulting entity. The token and name are kept in this tab's session
// storage (never in a URL or a cookie), so the next judgement, on this page or the next, needs no
// retyping; the review page (review.js) keeps them under the same keys.
(function () {
  "use strict";
  var root = document.querySelector("[data-entity]");
  var result = document.getElementById("judge-result");
  if (!root || !result) { return; }
  var entity = root.dataset.entity;
  var token = document.getElementById("token");
  var user = document.getElementById("user");
  var writes = window.dealgraphWrites;
  var remember = writes.remembered(token, user);

  // The merge form picks the other entity by name: as one types, entities of the same type whose name
  // or mention contains the text are offered (ids as the values, names as the labels).
  var other = document.querySelector("form[data-action=merge] input[name=other]");
  var choices = document.getElementById("merge-candidates");
  var typed = null;
  if (other && choices) {
    other.addEventListener("input", function () {
      var text = other.value.trim();
      if (text.length < 2 || text === typed) { return; }
      typed = text;
      var url = "/v1/entities?limit=8&type=" + encodeURIComponent(root.dataset.type) + "&q=" + encodeURIComponent(text);
      fetch(url, { headers: { Accept: "application/json" } }).then(function (r) { return r.json(); }).then(function (page) {
        if (typed !== text) { return; }
        choices.replaceChildren();
        (page.items || []).forEach(function (item) {
          if (item.id === entity) { return; }
          var option = document.createElement("option");
          option.value = item.id;
          option.label = item.name + " (" + item.id + ")";
          choices.appendChild(option);
        });
      }).catch(function () { /* suggestions are a convenience: the id typed in still works */ });
    });
  }

  document.querySelectorAll(".judge form[data-action]").forEach(function (form) {
    form.addEventListener("submit", function (evt) {
      evt.preventDefault();
      remember();
      var action = form.dataset.action;
      var body = { user: user.value || "analyst" };
      var path = "/v1/entities/" + encodeURIComponent(entity) + "/" + action;
      if (action === "merge") { body.other = form.elements.other.value; }
      if (action === "split") { body.article_id = form.elements.article_id.value; body.key = form.elements.key.value; }
      if (action === "dismiss") { path = "/v1/entities/" + encodeURIComponent(entity) + "/hits/" + encodeURIComponent(form.dataset.hit) + "/dismiss"; }
      writes.post(path, body, token.value).then(function (res) {
        if (!res.ok) { result.textContent = writes.refusal(res); return; }
        result.textContent = action + " done: " + res.data.entity_id;
        window.location.href = "/ui/entities/" + encodeURIComponent(res.data.entity_id);
      }).catch(function (err) { result.textContent = "Failed: " + err.message; });
    });
  });
})();
