import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
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

/** Resolves the classpath with Maven and packs the compiled launcher, in `buildDir`. */
function build(buildDir: string, pom: string, source: string, log: (line: string) => void): void {
  const classpathFile = path.join(buildDir, 'classpath.txt');
  log('local Neo4j: resolving Neo4j 5.26 from Maven Central (first run only; about 150 MB)…');
  const mvn = spawnSync('mvn', ['-B', '-q', '-o', '-f', pom, 'dependency:build-classpath', `-Dmdep.outputFile=${classpathFile}`], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  // Offline first: when the jars are in the local repository, Maven does not ask Maven Central about each of them.
  if (mvn.status !== 0) {
    const online = spawnSync('mvn', ['-B', '-q', '-f', pom, 'dependency:build-classpath', `-Dmdep.outputFile=${classpathFile}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (online.status !== 0) {
      throw new Error('Maven could not resolve the Neo4j dependencies (see its output above). Check access to Maven Central, or set NEO4J_URI.');
    }
  }
  log('local Neo4j: compiling the launcher…');
  const classes = path.join(buildDir, 'classes');
  const classpath = readFileSync(classpathFile, 'utf8').trim();
  const javac = spawnSync('javac', ['-cp', classpath, '-d', classes, source], { stdio: 'inherit' });
  if (javac.status !== 0) throw new Error('javac could not compile neo4j/Launcher.java (a JDK 17+, not only a JRE, is needed).');
  const packed = spawnSync('jar', ['cf', path.join(buildDir, 'launcher.jar'), '-C', classes, '.'], { stdio: 'inherit' });
  if (packed.status !== 0) throw new Error('jar could not package the launcher (a JDK 17+, not only a JRE, is needed).');
}

/**
 * Resolves the Neo4j classpath with Maven and compiles the launcher into a jar (a classpath of jars only, as
 * the class archive needs), once per version of neo4j/pom.xml and neo4j/Launcher.java; later calls, from this
 * checkout or another, reuse the cache (launcherCacheRoot). Built in a folder of its own and moved into place
 * whole, so concurrent starts never see half of one. The launcher's jar comes first.
 */
export function prepareLauncher(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`), cacheRoot = launcherCacheRoot()): string {
  const root = projectRoot();
  const pom = path.join(root, 'neo4j', 'pom.xml');
  const source = path.join(root, 'neo4j', 'Launcher.java');
  const hash = createHash('sha256').update(readFileSync(pom)).update(readFileSync(source)).digest('hex').slice(0, 16);
  const cacheDir = path.join(cacheRoot, hash);
  const cached = cachedClasspath(cacheDir);
  if (cached) return cached;
  requireTool('java', ['-version'], 'Install Java 17 or later (Debian: apt-get install openjdk-17-jdk-headless).');
  requireTool('mvn', ['-v'], 'Install Apache Maven (Debian: apt-get install maven).');
  const buildDir = `${cacheDir}.${process.pid}.tmp`;
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(buildDir, { recursive: true });
  try {
    build(buildDir, pom, source, log);
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
