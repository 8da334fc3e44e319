// The review page's forms: confirm, dismiss or undo a screening hit. Each posts JSON to the API with
// the bearer token, which is kept in this tab's session storage (never in a URL or a cookie), then
// reloads the page so the queue and the decisions show the new state.
(function () {
  "use strict";
  var token = document.getElementById("token");
  var user = document.getElementById("user");
  var result = document.getElementById("review-result");
  if (!token || !result) { return; }
  token.value = sessionStorage.getItem("dealgraph-token") || "";
  user.value = sessionStorage.getItem("dealgraph-user") || user.value;
  token.addEventListener("change", function () { sessionStorage.setItem("dealgraph-token", token.value); });
  user.addEventListener("change", function () { sessionStorage.setItem("dealgraph-user", user.value); });
  document.querySelectorAll("form.decide").forEach(function (form) {
    form.addEventListener("submit", function (evt) {
      evt.preventDefault();
      var row = form.closest("tr");
      var decision = evt.submitter ? evt.submitter.value : "dismiss";
      var path = "/v1/entities/" + encodeURIComponent(row.dataset.entity) + "/hits/" +
        encodeURIComponent(row.dataset.hit) + "/" + decision;
      var body = { user: user.value || "analyst", reason: form.elements.reason.value || null,
                   undo: form.classList.contains("undo") };
      sessionStorage.setItem("dealgraph-token", token.value);
      fetch(path, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: "Bearer " + token.value },
        body: JSON.stringify(body)
      }).then(function (r) {
        return r.json().then(function (data) { return { ok: r.ok, status: r.status, data: data }; });
      }).then(function (res) {
        if (!res.ok) { result.textContent = "Refused (" + res.status + "): " + (res.data.detail || res.data.title); return; }
        result.textContent = res.data.action + " recorded (judgement " + res.data.judgement_id + ")";
        window.location.reload();
      }).catch(function (err) { result.textContent = "Failed: " + err.message; });
    });
  });
})();
