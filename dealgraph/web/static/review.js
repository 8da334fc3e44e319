// The review page's forms: confirm, dismiss or undo a screening hit. Each posts JSON to the API with
// the bearer token, which is kept in this tab's session storage (never in a URL or a cookie), then
// reloads the page so the queue and the decisions show the new state.
(function () {
  "use strict";
  var token = document.getElementById("token");
  var user = document.getElementById("user");
  var result = document.getElementById("review-result");
  if (!token || !result) { return; }
  var writes = window.dealgraphWrites;
  var remember = writes.remembered(token, user);
  document.querySelectorAll("form.decide").forEach(function (form) {
    form.addEventListener("submit", function (evt) {
      evt.preventDefault();
      var row = form.closest("tr");
      if (!evt.submitter) { return; }  // a decision is the button pressed, never a default
      var decision = evt.submitter.value;
      var path = "/v1/entities/" + encodeURIComponent(row.dataset.entity) + "/hits/" +
        encodeURIComponent(row.dataset.hit) + "/" + decision;
      var body = { user: user.value || "analyst", reason: form.elements.reason.value || null,
                   undo: form.classList.contains("undo") };
      remember();
      writes.post(path, body, token.value).then(function (res) {
        if (!res.ok) { result.textContent = writes.refusal(res); return; }
        result.textContent = res.data.action + " recorded (judgement " + res.data.judgement_id + ")";
        window.location.reload();
      }).catch(function (err) { result.textContent = "Failed: " + err.message; });
    });
  });
})();
