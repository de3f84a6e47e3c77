import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import { EXAMPLE_TABS, HEADERS_PLACEHOLDER } from './examples.js';
import { createFetcher } from './fetcher.js';
import { linkedOperation } from './linked-operation.js';
import { forgetTabsIfAsked, RestoreExamplesButton } from './restore-examples.js';
import { setupWorkers } from './workers.js';

const root = document.getElementById('playground')!;
setupWorkers(root);
const fetcher = createFetcher(root.dataset.endpoint ?? '/graphql');
forgetTabsIfAsked();
// GraphiQL 5 fills the first tab's variables editor from storage only, not from defaultTabs: on a first visit
// (nothing stored yet) hand it the first tab's variables.
const firstVisit = localStorage.getItem('graphiql:tabState') === null && localStorage.getItem('graphiql:variables') === null;
// An operation linked in the URL (?query=…&variables=…) opens first: as the first default tab in a fresh browser,
// and through initialQuery/initialVariables (a tab of its own, made active) where tabs are stored already.
const linked = linkedOperation(location.search);
const tabs = linked ? [linked, ...EXAMPLE_TABS] : [...EXAMPLE_TABS];

function Playground() {
  return (
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={tabs}
      defaultHeaders={HEADERS_PLACEHOLDER}
      initialQuery={linked?.query}
      initialVariables={linked ? (linked.variables ?? '') : firstVisit ? tabs[0]?.variables : undefined}
      defaultEditorToolsVisibility="variables"
      isHeadersEditorEnabled
      shouldPersistHeaders={false}
    >
      <GraphiQL.Logo>
        <span className="atlas-nav">
          Compute Atlas · <a href="/explore">Explorer</a> · <RestoreExamplesButton />
        </span>
      </GraphiQL.Logo>
    </GraphiQL>
  );
}

createRoot(root).render(<Playground />);
