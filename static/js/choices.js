// Dependent selects fill without a round trip: <form data-choices="<url>"> whose
// <select data-depends-on="town"> lists follow another field (villages of a town, teams of
// a round, rounds of a term). When a field they depend on changes, the script asks the
// URL (GET, the form's values in the query) for the choices of every dependent select,
// { name: [[value, label], …] }, and puts them in, keeping a choice still offered.
// Without the script the form's "更新选项" button ([data-refresh]) does the same by
// re-rendering the page; the script hides it, and shows it again if a request fails.
(function () {
  "use strict";

  function helpOf(select) {
    var id = select.id + "_helptext";
    var help = document.getElementById(id);
    if (!help && select.getAttribute("data-help-script")) {
      help = document.createElement("small");
      help.className = "help";
      help.id = id;
      select.parentNode.insertBefore(help, select.nextSibling);
      var described = select.getAttribute("aria-describedby");
      select.setAttribute("aria-describedby", described ? described + " " + id : id);
    }
    return help;
  }

  function fill(select, choices) {
    var kept = select.value;
    select.textContent = "";
    choices.forEach(function (choice) {
      var option = document.createElement("option");
      option.value = choice[0];
      option.textContent = choice[1];
      select.appendChild(option);
    });
    select.value = choices.some(function (choice) { return choice[0] === kept; }) ? kept : "";
    var help = helpOf(select);
    var waiting = select.getAttribute("data-help-script");
    if (help && waiting) {
      // Only the empty choice: say which field to choose first.
      help.hidden = choices.length > 1;
      help.textContent = waiting;
    }
  }

  function setUp(form) {
    var dependents = Array.prototype.slice.call(form.querySelectorAll("select[data-depends-on]"));
    if (!dependents.length) return;
    var sources = {};
    dependents.forEach(function (select) { sources[select.getAttribute("data-depends-on")] = true; });
    var refreshers = form.querySelectorAll("[data-refresh]");
    function showRefresh(shown) {
      refreshers.forEach(function (element) { element.hidden = !shown; });
    }
    var asked = 0;

    function refresh() {
      var query = new URLSearchParams();
      Object.keys(sources).forEach(function (name) {
        var field = form.elements.namedItem(name);
        if (field && field.value) query.set(name, field.value);
      });
      var mine = ++asked;
      form.setAttribute("aria-busy", "true");
      fetch(form.getAttribute("data-choices") + "?" + query.toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (choices) {
          if (mine !== asked) return; // a later change has asked again
          dependents.forEach(function (select) {
            if (choices[select.name]) fill(select, choices[select.name]);
          });
          form.removeAttribute("aria-busy");
        })
        .catch(function () {
          form.removeAttribute("aria-busy");
          showRefresh(true); // the round trip still works
        });
    }

    form.addEventListener("change", function (event) {
      if (event.target.name && sources[event.target.name]) refresh();
    });
    showRefresh(false);
    dependents.forEach(function (select) {
      // The no-script help says to press the button the script has hidden.
      var help = document.getElementById(select.id + "_helptext");
      var waiting = select.getAttribute("data-help-script");
      if (help && waiting) help.textContent = waiting;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-choices]").forEach(setUp);
  });
})();
