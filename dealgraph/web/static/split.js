// Split from the article page: with "split mode" on, clicking a mention posts a split of its entity in
// this article (POST /v1/entities/{id}/split with the article and the mention's in-article key) and
// opens the new entity; with it off, mentions are links as usual. The token and name are kept in this
// tab's session storage under the same keys as the entity and review pages (never in a URL).
(function () {
  "use strict";
  var root = document.querySelector("[data-article]");
  var mode = document.getElementById("split-mode");
  var token = document.getElementById("token");
  var user = document.getElementById("user");
  var result = document.getElementById("judge-result");
  if (!root || !mode || !token || !result) { return; }
  var writes = window.dealgraphWrites;
  var remember = writes.remembered(token, user);
  document.querySelectorAll("#text a.m[data-key]").forEach(function (mention) {
    mention.addEventListener("click", function (evt) {
      if (!mode.checked) { return; }
      evt.preventDefault();
      remember();
      var path = "/v1/entities/" + encodeURIComponent(mention.dataset.entity) + "/split";
      var body = { article_id: root.dataset.article, key: mention.dataset.key, user: user.value || "analyst" };
      writes.post(path, body, token.value).then(function (res) {
        if (!res.ok) { result.textContent = writes.refusal(res); return; }
        result.textContent = "split off as " + res.data.entity_id;
        window.location.href = "/ui/entities/" + encodeURIComponent(res.data.entity_id);
      }).catch(function (err) { result.textContent = "Failed: " + err.message; });
    });
  });
})();
