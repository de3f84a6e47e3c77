/** What GraphiQL keeps in localStorage about the open tabs (graphiql:<key>); cleared, the shipped examples come back. */
const TAB_KEYS = ['tabState', 'query', 'variables', 'headers', 'operationName'] as const;

/** The URL flag that asks the next page load to forget the stored tabs. */
const RESTORE_FLAG = 'restore-examples';

/**
 * On page load, before GraphiQL mounts: when the URL carries the restore flag, forgets the stored tabs (so GraphiQL
 * falls back to its defaultTabs, the shipped examples) and drops the flag from the address. Clearing here rather
 * than in the click handler leaves no window in which the page being left writes its tabs back.
 */
export function forgetTabsIfAsked(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has(RESTORE_FLAG)) return;
  for (const key of TAB_KEYS) localStorage.removeItem(`graphiql:${key}`);
  url.searchParams.delete(RESTORE_FLAG);
  history.replaceState(null, '', url.pathname + url.search + url.hash);
}

/**
 * Brings back the shipped example tabs, even after they were edited or closed: GraphiQL reads its tabs from
 * localStorage before its defaultTabs, so the page is opened afresh (without a linked ?query=, which would open
 * first again) with the flag that makes it forget them. Asks first: the open tabs are replaced.
 */
export function restoreExamples(): void {
  if (!window.confirm('Restore the example operations? The open tabs are replaced by the shipped examples.')) return;
  location.assign(`${location.pathname}?${RESTORE_FLAG}`);
}

/** The "Restore examples" control shown beside the logo. */
export function RestoreExamplesButton() {
  return (
    <button type="button" className="atlas-restore" onClick={restoreExamples} title="Replace the open tabs with the shipped example operations">
      Restore examples
    </button>
  );
}
