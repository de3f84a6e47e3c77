/** What GraphiQL keeps in localStorage about the open tabs (graphiql:<key>); cleared, the shipped examples come back. */
const TAB_KEYS = ['tabState', 'query', 'variables', 'headers', 'operationName'] as const;

/**
 * Brings back the shipped example tabs, even after they were edited or closed: GraphiQL reads its tabs from
 * localStorage before its defaultTabs, so the stored tabs are forgotten and the page opened afresh (without a
 * linked ?query=, which would open first again). Asks first: the open tabs are replaced.
 */
export function restoreExamples(): void {
  if (!window.confirm('Restore the example operations? The open tabs are replaced by the shipped examples.')) return;
  for (const key of TAB_KEYS) localStorage.removeItem(`graphiql:${key}`);
  location.assign(location.pathname);
}

/** The "Restore examples" control shown beside the logo. */
export function RestoreExamplesButton() {
  return (
    <button type="button" className="atlas-restore" onClick={restoreExamples} title="Replace the open tabs with the shipped example operations">
      Restore examples
    </button>
  );
}
