import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies the signed jars of a classpath without their signature files and prints the classpath with the copies
 * in their place.
 *
 * <p>Usage: {@code java -cp . UnsignJars <outDir> <classpath>}. Two of Neo4j's dependencies (Eclipse Collections)
 * are signed: the JVM checks the digest of every class it loads from them against a 700 kB manifest, and leaves
 * their classes out of the class-data archive (src/db/jvm-options.ts), so each start paid for both. Unsigned,
 * a start of the local Neo4j took 1.8 s of CPU instead of 3.1 s (docs/operations.md).
 */
public final class UnsignJars {
  private UnsignJars() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: UnsignJars <outDir> <classpath>");
      System.exit(2);
    }
    Path outDir = Files.createDirectories(Path.of(args[0]));
    List<String> entries = new ArrayList<>();
    int copied = 0;
    for (String entry : args[1].split(File.pathSeparator)) {
      if (!isSigned(entry)) {
        entries.add(entry);
        continue;
      }
      // A prefix keeps two jars of the same file name from different groups apart.
      Path target = outDir.resolve((copied++) + "-" + Path.of(entry).getFileName());
      copyWithoutSignatures(Path.of(entry), target);
      entries.add(target.toString());
    }
    System.out.print(String.join(File.pathSeparator, entries));
  }

  private static boolean isSignatureFile(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) return false;
    return upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC");
  }

  private static boolean isSigned(String entry) throws IOException {
    if (!entry.endsWith(".jar")) return false;
    try (ZipFile jar = new ZipFile(entry)) {
      return jar.stream().anyMatch(e -> isSignatureFile(e.getName()));
    }
  }

  private static void copyWithoutSignatures(Path source, Path target) throws IOException {
    try (ZipFile in = new ZipFile(source.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
      for (ZipEntry entry : Collections.list(in.entries())) {
        if (isSignatureFile(entry.getName())) continue;
        out.putNextEntry(new ZipEntry(entry.getName()));
        try (InputStream bytes = in.getInputStream(entry)) {
          bytes.transferTo(out);
        }
        out.closeEntry();
      }
    }
  }
}
