import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import { EXAMPLE_TABS, HEADERS_PLACEHOLDER } from './examples.js';
import { createFetcher } from './fetcher.js';
import { setupWorkers } from './workers.js';

const root = document.getElementById('playground')!;
setupWorkers(root);
const fetcher = createFetcher(root.dataset.endpoint ?? '/graphql');
// GraphiQL 5 fills the first tab's variables editor from storage only, not from defaultTabs: on a first visit
// (nothing stored yet) hand it the first example's variables.
const firstVisit = localStorage.getItem('graphiql:tabState') === null && localStorage.getItem('graphiql:variables') === null;

function Playground() {
  return (
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={[...EXAMPLE_TABS]}
      defaultHeaders={HEADERS_PLACEHOLDER}
      initialVariables={firstVisit ? EXAMPLE_TABS[0]?.variables : undefined}
      defaultEditorToolsVisibility="variables"
      isHeadersEditorEnabled
      shouldPersistHeaders={false}
    >
      <GraphiQL.Logo>
        <span className="atlas-nav">
          Compute Atlas · <a href="/explore">Explorer</a>
        </span>
      </GraphiQL.Logo>
    </GraphiQL>
  );
}

createRoot(root).render(<Playground />);
