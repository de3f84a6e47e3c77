import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community Edition with only the Bolt connector, bound to loopback.
 *
 * <p>Usage: {@code java -cp CLASSPATH Launcher <dataDir> <boltPort> [pageCacheMb]}. Prints exactly one line,
 * {@code NEO4J_READY bolt://127.0.0.1:<port>}, once the default database accepts work, and shuts the
 * database down cleanly on SIGTERM or SIGINT (the JVM runs the shutdown hook for both).
 *
 * <p>Its lifetime is tied to the process that started it, even when that one is killed with SIGKILL: the
 * launcher shuts down when its stdin reaches end of file (the parent holds the pipe's other end, which the
 * kernel closes when the parent dies) or when its parent process is no longer alive (checked every second).
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length < 2) {
      System.err.println("usage: Launcher <dataDir> <boltPort> [pageCacheMb]");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    long pageCacheMb = args.length > 2 ? Long.parseLong(args[2]) : 512;

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(HttpConnector.enabled, false)
        .setConfig(HttpsConnector.enabled, false)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
        .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      dbms.shutdown();
      stopped.countDown();
    }, "neo4j-shutdown"));

    exitWithParent();
    dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).beginTx().close();
    System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
    System.out.flush();
    stopped.await();
  }

  /** Exits (running the shutdown hook) once stdin is closed or the parent process has gone. */
  private static void exitWithParent() {
    Thread stdin = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // the parent never writes; keep reading until end of file
        }
      } catch (java.io.IOException e) {
        // a broken pipe means the parent is gone too
      }
      System.exit(0);
    }, "parent-stdin-watch");
    stdin.setDaemon(true);
    stdin.start();
    ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
    if (parent == null) return;
    Thread poll = new Thread(() -> {
      while (parent.isAlive()) {
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException e) {
          return;
        }
      }
      System.exit(0);
    }, "parent-pid-watch");
    poll.setDaemon(true);
    poll.start();
  }
}
