// What the pages that write (entity judgements, the review page, split mode on the article page) share:
// the token and name kept in this tab's session storage (never in a URL or a cookie), and a JSON POST
// with the bearer token whose answer comes back as { ok, status, data }, an error in the same shape.
window.dealgraphWrites = (function () {
  "use strict";
  function remembered(token, user) {
    token.value = sessionStorage.getItem("dealgraph-token") || "";
    user.value = sessionStorage.getItem("dealgraph-user") || user.value;
    function remember() {
      sessionStorage.setItem("dealgraph-token", token.value);
      sessionStorage.setItem("dealgraph-user", user.value);
    }
    token.addEventListener("change", remember);
    user.addEventListener("change", remember);
    return remember;
  }
  function post(path, body, token) {
    return fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (data) { return { ok: r.ok, status: r.status, data: data }; });
    });
  }
  function refusal(res) {
    return "Refused (" + res.status + "): " + (res.data.detail || res.data.title || res.data.error);
  }
  return { remembered: remembered, post: post, refusal: refusal };
})();
