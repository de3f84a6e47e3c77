import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { databaseOptions, testServerEnv } from '../integration/connection.js';

const URI = 'bolt://db.example.org:7687';
const settingsFrom = (env: NodeJS.ProcessEnv, settings: Record<string, string> = {}) => databaseOptions(loadConfig(testServerEnv(URI, settings, env)));

describe('the connection settings of the integration harness', () => {
  it('logs in with the NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE of the environment', () => {
    const options = settingsFrom({ NEO4J_USER: 'atlas', NEO4J_PASSWORD: 's3cret', NEO4J_DATABASE: 'graph' });
    expect(options).toMatchObject({ uri: URI, user: 'atlas', password: 's3cret', database: 'graph' });
  });

  it('keeps the credentials when a test changes other settings, or points at another Neo4j', () => {
    const options = settingsFrom({ NEO4J_USER: 'atlas', NEO4J_PASSWORD: 's3cret' }, { NEO4J_URI: 'neo4j://other.example.org:7687', TX_TIMEOUT_MS: '120000' });
    expect(options).toMatchObject({ uri: 'neo4j://other.example.org:7687', user: 'atlas', password: 's3cret', txTimeoutMs: 120_000 });
  });

  it('falls back to the server defaults when the environment names no credentials', () => {
    expect(settingsFrom({})).toMatchObject({ user: 'neo4j', password: '', database: 'neo4j' });
  });

  it('takes nothing else from the environment, so a stray setting cannot change what a test sees', () => {
    const config = loadConfig(testServerEnv(URI, {}, { MAX_DEPTH: '3', LOG_LEVEL: 'debug', PORT: '4000', NEO4J_PASSWORD: 's3cret' }));
    expect(config).toMatchObject({ MAX_DEPTH: 12, LOG_LEVEL: 'silent', PORT: 0, NEO4J_PASSWORD: 's3cret' });
  });
});
