/** esbuild bundles CSS imported from the pages' scripts. */
declare module '*.css';
