/* Stars and unstars sessions without reloading the page.
   The star forms work without this file: they POST and the server redirects back. Here the
   same form is sent with fetch, asking for JSON; on any failure the form is submitted the
   plain way, so the server's answer (a login page, a message) is what the person sees. */
(function () {
  "use strict";

  function update(form, starred, message) {
    var action = form.querySelector("input[name=action]");
    var button = form.querySelector("button");
    var verb = form.querySelector(".star-verb");
    action.value = starred ? "unstar" : "star";
    verb.textContent = starred ? "Unstar" : "Star";
    button.classList.toggle("is-starred", starred);
    var holder = form.closest(".slot, .agenda-item");
    if (holder) holder.classList.toggle("is-starred", starred);
    var status = document.getElementById("star-status");
    if (status) status.textContent = message;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-star]") || !window.fetch) return;
    event.preventDefault();
    var button = form.querySelector("button");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    button.disabled = true;
    // getAttribute: the form's "action" field shadows the form.action property.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token ? token.value : "" }
    })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        update(form, data.starred, data.message);
        button.disabled = false;
      })
      .catch(function () {
        form.submit();
      });
  });
})();
