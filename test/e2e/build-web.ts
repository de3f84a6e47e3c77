/** Global setup of the e2e project: bundles the pages (a no-op when public/assets is up to date). */
export default async function setup(): Promise<void> {
  // @ts-expect-error web/build.mjs is plain JavaScript without type declarations.
  const { build } = await import('../../web/build.mjs');
  await build();
}
