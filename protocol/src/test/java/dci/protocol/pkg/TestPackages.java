package dci.protocol.pkg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds package sources and hand-made (possibly hostile) package files for the tests. */
final class TestPackages {
  static final String MANIFEST = """
      <?xml version="1.0" encoding="UTF-8"?>
      <manifest format="1">
        <name>hello</name>
        <version>1.0.0</version>
        <description>Says hello</description>
        <install>
          <copy from="bin/hello.sh"/>
          <mode path="bin/hello.sh" mode="755"/>
          <verify program="bin/hello.sh"/>
        </install>
      </manifest>
      """;

  private TestPackages() {}

  /** A source directory: manifest.xml plus bin/hello.sh and share/readme.txt. */
  static Path source(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("bin"));
    Files.createDirectories(dir.resolve("share"));
    Files.writeString(dir.resolve("manifest.xml"), MANIFEST);
    Files.writeString(dir.resolve("bin/hello.sh"), "#!/bin/sh\necho hello\n");
    Files.writeString(dir.resolve("share/readme.txt"), "read me\n");
    return dir;
  }

  /** The entries of a package file, in order. */
  static Map<String, byte[]> entries(Path pkg) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (var zip = new java.util.zip.ZipFile(pkg.toFile())) {
      var en = zip.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        try (var in = zip.getInputStream(e)) {
          out.put(e.getName(), in.readAllBytes());
        }
      }
    }
    return out;
  }

  /** Writes {@code entries} as a ZIP, whatever their names. */
  static Path zip(Path out, Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    Files.write(out, bytes.toByteArray());
    return out;
  }

  /** A manifest listing {@code files} (path to bytes), signed by {@code key}, with those payload entries. */
  static Map<String, byte[]> signed(KeyPair key, Map<String, byte[]> files) {
    StringBuilder list = new StringBuilder();
    files.forEach((p, b) -> list.append("<file path=\"").append(p).append("\" size=\"").append(b.length)
        .append("\" sha256=\"").append(sha256(b)).append("\"/>"));
    byte[] manifest = ("<manifest><name>hello</name><version>1.0</version><files>" + list + "</files></manifest>")
        .getBytes(StandardCharsets.UTF_8);
    return signedManifest(key, manifest, files);
  }

  /** {@code manifest} signed by {@code key}, with the payload entries. */
  static Map<String, byte[]> signedManifest(KeyPair key, byte[] manifest, Map<String, byte[]> files) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("manifest.xml", manifest);
    entries.put("signature.txt", PackageSignature.sign(key, manifest).format());
    files.forEach((p, b) -> entries.put("payload/" + p, b));
    return entries;
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
