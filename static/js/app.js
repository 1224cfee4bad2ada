// What every page shares, kept small: confirmations, select-all for bulk actions.
// Pages work without it; it only saves clicks.
(function () {
  "use strict";
  // <form data-confirm="…">: ask before an action that cannot be undone.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });
  // Signing out forgets the drafts kept in this browser (drafts.js): they may hold the
  // names of interviewees, and an office PC is shared.
  document.addEventListener("submit", function (event) {
    if (!event.target.matches || !event.target.matches("form[data-sign-out]")) return;
    try {
      for (var i = window.localStorage.length - 1; i >= 0; i--) {
        var key = window.localStorage.key(i);
        if (key && key.indexOf("draft:") === 0) window.localStorage.removeItem(key);
      }
    } catch (error) { /* no storage: nothing kept */ }
  });
  // <input type=checkbox data-select-all="name">: tick every checkbox named name.
  document.addEventListener("change", function (event) {
    var name = event.target.getAttribute && event.target.getAttribute("data-select-all");
    if (!name) return;
    document.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (box) {
      box.checked = event.target.checked;
    });
  });
})();
