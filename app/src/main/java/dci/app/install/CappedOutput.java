package dci.app.install;

import java.nio.charset.StandardCharsets;

/**
 * A command's output kept within a cap: the first half and the last half of the cap, with a
 * note of how much was left out between them. Thread-safe (a pump thread fills it).
 */
final class CappedOutput {
  private final byte[] head;
  private final byte[] tail;
  private int headLength;
  private long total;

  CappedOutput(int cap) {
    this.head = new byte[cap / 2];
    this.tail = new byte[cap - cap / 2];
  }

  synchronized void write(byte[] b, int off, int len) {
    for (int i = 0; i < len; i++) {
      byte x = b[off + i];
      if (headLength < head.length) {
        head[headLength++] = x;
      } else {
        tail[(int) ((total - head.length) % tail.length)] = x;
      }
      total++;
    }
  }

  /** Bytes written in all. */
  synchronized long total() {
    return total;
  }

  synchronized String text() {
    String first = new String(head, 0, headLength, StandardCharsets.UTF_8);
    long inTail = total - headLength;
    if (inTail <= 0) {
      return first;
    }
    int kept = (int) Math.min(inTail, tail.length);
    byte[] last = new byte[kept];
    long start = inTail - kept;
    for (int i = 0; i < kept; i++) {
      last[i] = tail[(int) ((start + i) % tail.length)];
    }
    if (inTail == kept) {
      byte[] all = java.util.Arrays.copyOf(head, headLength + kept);
      System.arraycopy(last, 0, all, headLength, kept);
      return new String(all, StandardCharsets.UTF_8);
    }
    return first + "\n[... " + (inTail - kept) + " bytes left out ...]\n" + new String(last, StandardCharsets.UTF_8);
  }
}
