package dci.app.aims;

import dci.protocol.aims.HostInventory.Port;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's listening sockets, from {@code /proc/net/{tcp,tcp6,udp,udp6}} (TCP in state LISTEN,
 * UDP bound and unconnected), each with the process that holds it (found through
 * {@code /proc/PID/fd}, as {@code ss -p} does; unknown where this blade may not look) and the
 * user owning it.
 */
final class ListeningPorts {
  private static final String TCP_LISTEN = "0A";
  private static final String UDP_UNCONNECTED = "07";

  private ListeningPorts() {}

  static List<Port> read(Path proc, Map<Integer, String> users) {
    Map<String, String> owners = socketOwners(proc);
    List<Port> out = new ArrayList<>();
    for (String proto : List.of("tcp", "tcp6", "udp", "udp6")) {
      Path table = proc.resolve("net").resolve(proto);
      if (!Files.isReadable(table)) {
        continue;
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(table);
      } catch (IOException e) {
        continue;
      }
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10) {
          continue;
        }
        String state = f[3];
        if (!(proto.startsWith("tcp") ? TCP_LISTEN : UDP_UNCONNECTED).equals(state)) {
          continue;
        }
        String[] local = f[1].split(":");
        int port = Integer.parseInt(local[1], 16);
        int uid = Integer.parseInt(f[7]);
        out.add(new Port(proto, address(local[0]), port, owners.get(f[9]), users.getOrDefault(uid, String.valueOf(uid))));
      }
    }
    out.sort(java.util.Comparator.comparing(Port::proto).thenComparingInt(Port::port));
    return out;
  }

  /** Socket inode -> {@code NAME[PID]} of a process holding it. */
  private static Map<String, String> socketOwners(Path proc) {
    Map<String, String> owners = new HashMap<>();
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path pid : pids) {
        String name = comm(pid);
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(pid.resolve("fd"))) {
          for (Path fd : fds) {
            try {
              String target = Files.readSymbolicLink(fd).toString();
              if (target.startsWith("socket:[")) {
                owners.putIfAbsent(target.substring(8, target.length() - 1), name + "[" + pid.getFileName() + "]");
              }
            } catch (IOException ignored) {
              // closed meanwhile
            }
          }
        } catch (IOException | SecurityException ignored) {
          // another user's process, or gone
        }
      }
    } catch (IOException ignored) {
      // no /proc: owners unknown
    }
    return owners;
  }

  private static String comm(Path pid) {
    try {
      return Files.readString(pid.resolve("comm")).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  /** {@code 0100007F} -> {@code 127.0.0.1}; the 32-hex-digit IPv6 form -> its eight groups. */
  static String address(String hex) {
    if (hex.length() == 8) {
      long v = Long.parseLong(hex, 16);
      return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
    }
    StringBuilder b = new StringBuilder();
    byte[] raw = new byte[16];
    for (int word = 0; word < 4; word++) {
      String w = hex.substring(word * 8, word * 8 + 8);
      // each 32-bit word is in host (little-endian) order
      for (int k = 0; k < 4; k++) {
        raw[word * 4 + k] = (byte) Integer.parseInt(w.substring(6 - 2 * k, 8 - 2 * k), 16);
      }
    }
    boolean mapped = java.util.stream.IntStream.range(0, 10).allMatch(i -> raw[i] == 0) && raw[10] == -1 && raw[11] == -1;
    if (mapped) {
      return "::ffff:" + (raw[12] & 0xff) + "." + (raw[13] & 0xff) + "." + (raw[14] & 0xff) + "." + (raw[15] & 0xff);
    }
    for (int g = 0; g < 8; g++) {
      b.append(g == 0 ? "" : ":").append(Integer.toHexString(((raw[2 * g] & 0xff) << 8) | (raw[2 * g + 1] & 0xff)));
    }
    return b.toString().replaceFirst("(^|:)0(:0)+(:|$)", "::");
  }
}
