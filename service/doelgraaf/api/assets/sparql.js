// The query page of /sparql: YASGUI on this endpoint, with the example queries of the page.
// Nothing here asks another server: no prefix.cc or LOV look-ups (only variable completion),
// no catalogue of other endpoints, so the page works without internet.
(function () {
  "use strict";
  var examples = JSON.parse(document.getElementById("examples").textContent);
  var endpoint = new URL("/sparql", window.location.href).href;
  // set on the defaults: a configuration's list is merged into the default list item by item
  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  Yasgui.defaults.yasqe.autocompleters = ["variables"];
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    endpointCatalogueOptions: {
      getData: function () { return [{ endpoint: endpoint }]; },
      keys: []
    },
    yasqe: { value: examples.length ? examples[0].query : "SELECT * WHERE { ?s ?p ?o } LIMIT 10" }
  });
  document.querySelectorAll("[data-example]").forEach(function (button) {
    button.addEventListener("click", function () {
      var tab = yasgui.getTab();
      tab.setQuery(examples[Number(button.getAttribute("data-example"))].query);
      tab.query();
    });
  });
  window.doelgraafYasgui = yasgui;
})();
