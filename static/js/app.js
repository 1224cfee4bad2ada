// What every page shares, kept small: confirmations, select-all for bulk actions.
// Pages work without it; it only saves clicks.
(function () {
  "use strict";
  // <form data-confirm="…">: ask before an action that cannot be undone.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
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
