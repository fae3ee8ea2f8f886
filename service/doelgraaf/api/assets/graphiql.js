// The GraphiQL page of /graphql: GraphiQL and its explorer on this service's endpoint, with an
// example of the demo municipality as the first query. Every script comes from /assets, so the
// page works without internet.
(function () {
  "use strict";
  var example = document.getElementById("example").textContent.trim() + "\n";
  var fetcher = GraphiQL.createFetcher({ url: new URL("/graphql", window.location.href).href });
  // made once: a new plugin object on every render would make GraphiQL remount the explorer
  var explorer = GraphiQLPluginExplorer.explorerPlugin();
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: example, plugins: [explorer] })
  );
})();
