package dci.app.install;

import dci.actors.peerlet.PeerletFactory;
import dci.protocol.pkg.PackageWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Package files for the cluster tests: built and signed, tampered with, and a peerlet jar compiled on the spot. */
final class PackageFiles {
  private final Path work;
  private int built;

  PackageFiles(Path work) {
    this.work = work;
  }

  /** A package of {@code name} {@code version} with manifest body {@code body} and payload {@code files}. */
  Path build(KeyPair key, String name, String version, String body, Map<String, byte[]> files) throws IOException {
    Path src = work.resolve("src-" + (++built));
    Files.createDirectories(src);
    Files.writeString(src.resolve("manifest.xml"), "<manifest><name>" + name + "</name><version>" + version
        + "</version><description>test package " + name + "</description>" + body + "</manifest>");
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path p = src.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, f.getValue());
    }
    Path out = work.resolve(name + "-" + version + "-" + built + ".dcipkg");
    new PackageWriter().write(src, key, out);
    return out;
  }

  Path build(KeyPair key, String name, String version, String body, String file, String content) throws IOException {
    return build(key, name, version, body, Map.of(file, content.getBytes(StandardCharsets.UTF_8)));
  }

  /** A copy of {@code pkg} with entry {@code entry} replaced by {@code content}, everything else as signed. */
  Path tamper(Path pkg, String entry, byte[] content) throws IOException {
    Path out = work.resolve("tampered-" + (++built) + ".dcipkg");
    try (ZipFile in = new ZipFile(pkg.toFile()); ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
      Enumeration<? extends ZipEntry> entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        zip.putNextEntry(new ZipEntry(e.getName()));
        if (e.getName().equals(entry)) {
          zip.write(content);
        } else {
          try (InputStream data = in.getInputStream(e)) {
            data.transferTo(zip);
          }
        }
        zip.closeEntry();
      }
    }
    return out;
  }

  /** The bytes of {@code entry} in {@code pkg}. */
  static byte[] entry(Path pkg, String entry) throws IOException {
    try (ZipFile in = new ZipFile(pkg.toFile()); InputStream data = in.getInputStream(in.getEntry(entry))) {
      return data.readAllBytes();
    }
  }

  /**
   * A jar holding {@code greet.GreetPeerlet}, a {@link PeerletFactory} whose instances answer every
   * envelope with {@code {"greeting": "<word> from <blade>"}}, compiled now with the JDK's compiler.
   */
  Path peerletJar(String word) throws IOException {
    Path src = work.resolve("peerlet-src-" + (++built));
    Path classes = src.resolve("classes");
    Files.createDirectories(src.resolve("greet"));
    Files.createDirectories(classes);
    Path java = src.resolve("greet").resolve("GreetPeerlet.java");
    Files.writeString(java, """
        package greet;

        import dci.actors.peerlet.PeerletApi;
        import dci.actors.peerlet.PeerletFactory;
        import dci.actors.peerlet.PeerletMessage;
        import org.apache.pekko.actor.typed.Behavior;
        import org.apache.pekko.actor.typed.javadsl.Behaviors;

        public final class GreetPeerlet implements PeerletFactory {
          @Override
          public Behavior<PeerletMessage> create(PeerletApi api) {
            api.ready();
            return Behaviors.receive(PeerletMessage.class).onMessage(PeerletMessage.Incoming.class, m -> {
              if (!dci.actors.router.Undeliverable.is(m.envelope())) {
                api.reply(m.envelope(), com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    .put("greeting", "%s from " + api.blade()));
              }
              return Behaviors.same();
            }).build();
          }
        }
        """.formatted(word));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classpath(), java.toString()));
    int rc = javac.run(null, null, null, args.toArray(String[]::new));
    if (rc != 0) {
      throw new IllegalStateException("javac failed (" + rc + ")");
    }
    Path jar = work.resolve("greet-" + built + ".jar");
    try (OutputStream f = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(f)) {
      out.putNextEntry(new JarEntry("greet/GreetPeerlet.class"));
      out.write(Files.readAllBytes(classes.resolve("greet").resolve("GreetPeerlet.class")));
      out.closeEntry();
    }
    return jar;
  }

  private static String classpath() {
    Map<String, Boolean> parts = new LinkedHashMap<>();
    for (Class<?> c : List.of(PeerletFactory.class, org.apache.pekko.actor.typed.Behavior.class,
        org.apache.pekko.actor.ActorRef.class, scala.Function1.class, com.fasterxml.jackson.databind.JsonNode.class,
        com.fasterxml.jackson.core.JsonParser.class, dci.protocol.envelope.Envelope.class)) {
      try {
        parts.put(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(), true);
      } catch (java.net.URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    parts.put(System.getProperty("java.class.path"), true);
    return String.join(java.io.File.pathSeparator, parts.keySet());
  }
}
