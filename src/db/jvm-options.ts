import { existsSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';

/** The JVM options of one local Neo4j start, and what to do with the class archive once it has exited. */
export interface JvmOptions {
  readonly args: string[];
  /** Whether this start maps the class archive (false: it writes one when it stops cleanly). */
  readonly archived: boolean;
  /** After the JVM exited: keeps the class archive it wrote unless it was killed (SIGKILL) while writing it. */
  settle(clean: boolean): void;
}

/** Drops partial archives older than ten minutes: written by a JVM whose starter died before it could keep them. */
function removeAbandoned(cacheDir: string): void {
  if (!existsSync(cacheDir)) return;
  for (const name of readdirSync(cacheDir)) {
    const file = path.join(cacheDir, name);
    if (name.endsWith('.tmp') && name.includes('.jsa.') && Date.now() - statSync(file).mtimeMs > 600_000) rmSync(file, { force: true });
  }
}

/** The `java` found on PATH (resolved through links), for keying the archive to the JDK build. */
function javaBinary(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'java');
    if (dir && existsSync(candidate)) return realpathSync(candidate);
  }
  return 'java';
}

/**
 * Options for a quick start of the small local instance (measured in docs/operations.md, The local Neo4j):
 * - with `quickStart`, the client compiler only (`-XX:TieredStopAtLevel=1`) and the serial collector: most of a start is the JIT
 *   compiling Neo4j's start-up code and G1 setting up its regions, work a long-running server repays, a
 *   development database does not;
 * - an AppCDS archive of the classes Neo4j loads (`<launcher cache>/neo4j-<jdk>.jsa`, src/db/neo4j-launcher.ts): the first start writes
 *   it when it stops cleanly (`-XX:ArchiveClassesAtExit`), later starts map it instead of loading and verifying
 *   some 9,000 classes from jars. Keyed to the JDK binary, so another Java writes its own; an unusable archive is
 *   ignored by the JVM (`-Xshare:auto`). The classpath must be jars only for that.
 */
export function jvmOptions(cacheDir: string, heap: string, quickStart: boolean): JvmOptions {
  const java = javaBinary();
  const jdk = createHash('sha256')
    .update(java)
    .update(String(existsSync(java) ? statSync(java).mtimeMs : 0))
    .digest('hex')
    .slice(0, 12);
  const archive = path.join(cacheDir, `neo4j-${jdk}.jsa`);
  const partial = `${archive}.${process.pid}-${Date.now()}.tmp`;
  const reuse = existsSync(archive);
  if (!reuse) removeAbandoned(cacheDir);
  return {
    archived: reuse,
    args: [
      `-Xms${heap}`,
      `-Xmx${heap}`,
      ...(quickStart ? ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'] : ['-XX:+UseG1GC']),
      reuse ? `-XX:SharedArchiveFile=${archive}` : `-XX:ArchiveClassesAtExit=${partial}`,
      // CDS reports every class it cannot archive (signed jars) as a warning on stdout
      '-Xlog:cds=off,cds+dynamic=off',
      '-XX:+ExitOnOutOfMemoryError',
      '-Dfile.encoding=UTF-8',
    ],
    settle(clean) {
      if (reuse || !existsSync(partial)) return;
      if (clean && !existsSync(archive)) renameSync(partial, archive);
      else rmSync(partial, { force: true });
    },
  };
}
