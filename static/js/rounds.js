// Round planning: tick or untick every checkbox inside one group (a focus area, a town).
// <input type=checkbox data-select-within="id">; the page works without it.
(function () {
  "use strict";
  function boxesOf(id, except) {
    var group = document.getElementById(id);
    if (!group) return [];
    return Array.prototype.filter.call(
      group.querySelectorAll("input[type=checkbox]:not([disabled])"),
      function (box) { return box !== except && !box.hasAttribute("data-select-within"); }
    );
  }
  function sync(toggle) {
    var boxes = boxesOf(toggle.getAttribute("data-select-within"), toggle);
    var ticked = boxes.filter(function (box) { return box.checked; }).length;
    toggle.checked = boxes.length > 0 && ticked === boxes.length;
    toggle.indeterminate = ticked > 0 && ticked < boxes.length;
  }
  document.addEventListener("change", function (event) {
    var target = event.target;
    var id = target.getAttribute && target.getAttribute("data-select-within");
    if (id) {
      boxesOf(id, target).forEach(function (box) { box.checked = target.checked; });
      return;
    }
    document.querySelectorAll("input[data-select-within]").forEach(sync);
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-select-within]").forEach(sync);
  });
})();
