import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../project-root.js';

function requireTool(command: string, args: string[], install: string): void {
  const probe = spawnSync(command, args, { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `${command} was not found, and the local Neo4j needs it. ${install}\n` +
        'Or point the server at a running Neo4j 5 instead: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD).',
    );
  }
}

/**
 * Where built launchers live: `~/.cache/compute-atlas/neo4j`, shared by every checkout of the user, like Maven's
 * own repository, so a fresh clone finds the classpath, the launcher jar and the class archive (src/db/jvm-options.ts,
 * which needs the jars at the same paths) built by an earlier one; `.cache/neo4j` in the project when the home
 * folder is not writable.
 */
export function launcherCacheRoot(): string {
  const home = homedir();
  try {
    accessSync(home, constants.W_OK);
    return path.join(home, '.cache', 'compute-atlas', 'neo4j');
  } catch {
    return path.join(projectRoot(), '.cache', 'neo4j');
  }
}

/** The cached classpath (launcher jar first), or null when a part is missing: a jar removed from the Maven repository too. */
function cachedClasspath(cacheDir: string): string | null {
  const classpathFile = path.join(cacheDir, 'classpath.txt');
  const jar = path.join(cacheDir, 'launcher.jar');
  if (!existsSync(classpathFile) || !existsSync(jar)) return null;
  const classpath = readFileSync(classpathFile, 'utf8').trim();
  return classpath.split(path.delimiter).every((entry) => existsSync(entry)) ? `${jar}${path.delimiter}${classpath}` : null;
}

/** Runs a build tool, throwing `failure` when it does not succeed; returns what it printed. */
function run(command: string, args: string[], failure: string): string {
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(failure);
  return result.stdout;
}

/**
 * Resolves the classpath with Maven, compiles the launcher (neo4j/*.java) and packs it into a jar, and replaces
 * the signed jars by unsigned copies (neo4j/UnsignJars.java), all in `buildDir`; returns the classpath, entries
 * in `buildDir` named as they will be once it is moved to `finalDir`.
 */
function build(buildDir: string, finalDir: string, pom: string, sources: string[], log: (line: string) => void): string {
  const resolved = path.join(buildDir, 'resolved.txt');
  log('local Neo4j: resolving Neo4j 5.26 from Maven Central (first run only; about 150 MB)…');
  const goal = ['-B', '-q', '-f', pom, 'dependency:build-classpath', `-Dmdep.outputFile=${resolved}`];
  // Offline first: when the jars are in the local repository, Maven does not ask Maven Central about each of them.
  if (spawnSync('mvn', ['-o', ...goal], { stdio: 'ignore' }).status !== 0) {
    const online = spawnSync('mvn', goal, { stdio: ['ignore', 'inherit', 'inherit'] });
    if (online.status !== 0) {
      throw new Error('Maven could not resolve the Neo4j dependencies (see its output above). Check access to Maven Central, or set NEO4J_URI.');
    }
  }
  log('local Neo4j: compiling the launcher…');
  const classes = path.join(buildDir, 'classes');
  const jdk = ' (a JDK 17+, not only a JRE, is needed)';
  run('javac', ['-cp', readFileSync(resolved, 'utf8').trim(), '-d', classes, ...sources], `javac could not compile the launcher in neo4j/${jdk}.`);
  run('jar', ['cf', path.join(buildDir, 'launcher.jar'), '-C', classes, '.'], `jar could not package the launcher${jdk}.`);
  const unsigned = run(
    'java',
    ['-cp', classes, 'UnsignJars', path.join(buildDir, 'unsigned'), readFileSync(resolved, 'utf8').trim()],
    'The launcher could not copy the signed jars unsigned (neo4j/UnsignJars.java).',
  );
  return unsigned
    .trim()
    .split(path.delimiter)
    .map((entry) => (entry.startsWith(buildDir) ? finalDir + entry.slice(buildDir.length) : entry))
    .join(path.delimiter);
}

const SOURCES = ['Launcher.java', 'UnsignJars.java'];

/**
 * Resolves the Neo4j classpath with Maven and compiles the launcher into a jar (a classpath of jars only, as
 * the class archive needs), once per version of neo4j/pom.xml and neo4j/*.java; later calls, from this
 * checkout or another, reuse the cache (launcherCacheRoot). Built in a folder of its own and moved into place
 * whole, so concurrent starts never see half of one. The launcher's jar comes first.
 */
export function prepareLauncher(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`), cacheRoot = launcherCacheRoot()): string {
  const root = projectRoot();
  const pom = path.join(root, 'neo4j', 'pom.xml');
  const sources = SOURCES.map((file) => path.join(root, 'neo4j', file));
  const hash = [pom, ...sources]
    .reduce((h, file) => h.update(readFileSync(file)), createHash('sha256'))
    .digest('hex')
    .slice(0, 16);
  const cacheDir = path.join(cacheRoot, hash);
  const cached = cachedClasspath(cacheDir);
  if (cached) return cached;
  requireTool('java', ['-version'], 'Install Java 17 or later (Debian: apt-get install openjdk-17-jdk-headless).');
  requireTool('mvn', ['-v'], 'Install Apache Maven (Debian: apt-get install maven).');
  const buildDir = `${cacheDir}.${process.pid}.tmp`;
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(buildDir, { recursive: true });
  try {
    writeFileSync(path.join(buildDir, 'classpath.txt'), build(buildDir, cacheDir, pom, sources, log));
    // A stale cache (a jar gone from the Maven repository) makes way; a concurrent build that won keeps its own.
    if (existsSync(cacheDir) && !cachedClasspath(cacheDir)) rmSync(cacheDir, { recursive: true, force: true });
    if (!existsSync(cacheDir)) renameSync(buildDir, cacheDir);
  } finally {
    rmSync(buildDir, { recursive: true, force: true });
  }
  const ready = cachedClasspath(cacheDir);
  if (!ready) throw new Error(`The local Neo4j's launcher could not be prepared in ${cacheDir}.`);
  return ready;
}
