/**
 * Tells Monaco where its workers are: bundled files served by this server (their hashed paths are written into
 * the page by web/build.mjs), never a CDN.
 */
export function setupWorkers(root: HTMLElement): void {
  const paths = {
    editor: root.dataset.editorWorker!,
    json: root.dataset.jsonWorker!,
    graphql: root.dataset.graphqlWorker!,
  };
  (globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
    getWorker(_workerId: string, label: string): Worker {
      if (label === 'json') return new Worker(paths.json, { name: 'json' });
      if (label === 'graphql') return new Worker(paths.graphql, { name: 'graphql' });
      return new Worker(paths.editor, { name: 'editor' });
    },
  };
}
