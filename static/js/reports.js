// The reports page: follow each export job still being built, through the exports API
// with the session (GET /api/v1/exports/<id>/), and reload once one is done or failed,
// so its download link appears. <tr data-poll="<api url>">; the page works without it.
(function () {
  "use strict";
  var INTERVAL = 1500;
  var FINISHED = { done: true, failed: true };

  function show(row, job) {
    var bar = row.querySelector("progress");
    if (bar) bar.value = job.progress;
    var text = row.querySelector("[data-role=progress]");
    if (text) text.textContent = job.progress + "%";
    var badge = row.querySelector("[data-role=status]");
    if (badge) {
      badge.textContent = job.status_label;
      badge.className = "badge status-" + job.status;
    }
    row.setAttribute("data-status", job.status);
  }

  function poll(row) {
    fetch(row.getAttribute("data-poll"), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (job) {
        show(row, job);
        if (FINISHED[job.status]) {
          window.location.reload();
        } else {
          window.setTimeout(function () { poll(row); }, INTERVAL);
        }
      })
      .catch(function () {
        window.setTimeout(function () { poll(row); }, INTERVAL * 4);
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("tr[data-poll]").forEach(function (row) {
      window.setTimeout(function () { poll(row); }, INTERVAL / 2);
    });
  });
})();
