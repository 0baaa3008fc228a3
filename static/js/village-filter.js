// The lists' filters: choosing a township narrows the village choices at once, without submitting the form.
(function () {
  if (!window.fetch) { return; }
  document.querySelectorAll("form[data-villages-url]").forEach(function (form) {
    var township = form.querySelector('select[name="township"]');
    var village = form.querySelector('select[name="village"]');
    if (!township || !village) { return; }
    township.addEventListener("change", function () {
      var url = form.dataset.villagesUrl + "?township=" + encodeURIComponent(township.value);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
        .then(function (data) {
          var chosen = village.value;
          var all = village.options.length && village.options[0].value === "" ? village.options[0] : null;
          while (village.options.length) { village.remove(0); }
          if (all) { village.add(all); }
          data.villages.forEach(function (row) {
            var option = new Option(row.name, row.id);
            option.selected = String(row.id) === chosen;
            village.add(option);
          });
          village.dispatchEvent(new Event("change", { bubbles: true }));
        })
        .catch(function () { /* the server still checks the village against the township on submit */ });
    });
  });
})();
