export {
  AtlasClient,
  operationText,
  type AtlasClientOptions,
  type RequestOptions,
  type SubscriptionHandlers,
  type TypedDocument,
  type TypedDocumentString,
} from './client.js';
export { AtlasError, type AtlasErrorBody } from './errors.js';
export { changes, type ChangeEvent, type ChangeFilter } from './changes.js';
export * from './generated/graphql.js';
