// The filter of the decision log and the task list (kogsro site). Without JavaScript the page
// is the complete list; this shows the form and hides the entries that do not match it.
(function () {
  "use strict";
  var form = document.querySelector("form.filter");
  var count = document.getElementById("filter-count");
  var none = document.getElementById("filter-none");
  if (!form || !count || !none) {
    return;
  }
  var entries = Array.prototype.slice.call(document.querySelectorAll("[data-filter-entry]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-filter-group]"));
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var template = count.getAttribute("data-template") || "{shown} / {total}";

  function fold(text) {
    return (text || "").toLocaleLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }
  var texts = entries.map(function (entry) { return fold(entry.textContent); });

  function apply() {
    var words = fold(form.elements.q.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    entries.forEach(function (entry, index) {
      var match = words.every(function (word) { return texts[index].indexOf(word) !== -1; });
      selects.forEach(function (select) {
        var values = " " + (entry.getAttribute("data-" + select.name) || "") + " ";
        if (select.value && values.indexOf(" " + select.value + " ") === -1) {
          match = false;
        }
      });
      entry.hidden = !match;
      if (match) {
        shown += 1;
      }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("[data-filter-entry]:not([hidden])");
    });
    count.textContent = template.replace("{shown}", shown).replace("{total}", entries.length);
    none.hidden = shown !== 0;
  }

  // a filter can be linked to: decisions.html?q=Beteiligung&status=valid
  var params = new URLSearchParams(window.location.search);
  params.forEach(function (value, key) {
    var field = form.elements[key];
    if (field) {
      field.value = value;
    }
  });
  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply();
  });
  form.addEventListener("reset", function () {
    window.setTimeout(apply, 0);
  });
  apply();
})();
