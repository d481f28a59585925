// Suggests workshops by name as an editor types into a field marked data-suggest; without this
// script the field still takes a name or a public code, and the server offers the matches.
(function () {
  "use strict";
  var field = document.querySelector("input[data-suggest]");
  if (!field || !window.fetch) { return; }
  var list = document.getElementById(field.getAttribute("list"));
  var timer = null;
  var asked = "";

  function fill(rows) {
    list.textContent = "";
    rows.forEach(function (row) {
      var option = document.createElement("option");
      option.value = row.code;
      option.label = row.name + " · " + row.district;
      option.textContent = row.name + " · " + row.district;
      list.appendChild(option);
    });
  }

  function suggest() {
    var typed = field.value.trim();
    if (typed.length < 2 || typed === asked) { return; }
    asked = typed;
    fetch(field.dataset.suggest + "?q=" + encodeURIComponent(typed), {credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (rows) { if (typed === asked) { fill(rows); } })
      .catch(function () { /* the plain field still works */ });
  }

  field.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 250);
  });
})();
