package dci.app.install;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * The entries of a tar stream, read by commons-compress (ustar, GNU and pax), with what an extract
 * step needs on top of it: every header's checksum is checked (so a file that is not a tar fails
 * at once), the data of a pax or GNU long-name header is refused past {@value #MAX_META} bytes
 * (the reader holds it in memory), and a name that such a header makes absolute stays absolute
 * (the reader would drop its leading '/'; the extractor refuses it). Entry types are reported as
 * they are; refusing links, devices and sparse files is the caller's.
 */
final class TarEntries extends TarArchiveInputStream {
  static final int MAX_META = 1 << 20;
  private static final int TYPE_OFFSET = 156;
  private static final int SIZE_OFFSET = TarConstants.NAMELEN + TarConstants.MODELEN + TarConstants.UIDLEN
      + TarConstants.GIDLEN;
  private static final Pattern ABSOLUTE_PAX_PATH = Pattern.compile("(^|\n)[0-9]+ path=/");

  /**
   * One entry.
   *
   * @param tar the entry as commons-compress read it
   * @param name its name as stored (a leading '/' kept)
   */
  record Entry(TarArchiveEntry tar, String name) {}

  private ByteArrayOutputStream meta;
  private byte metaType;
  private boolean absolute;
  private boolean globalAbsolute;

  TarEntries(InputStream in) {
    super(in, TarConstants.DEFAULT_BLKSIZE, TarConstants.DEFAULT_RCDSIZE, StandardCharsets.UTF_8.name(), false);
  }

  /** The next entry, or null at the end of the archive; its data is read from this stream. */
  Entry next() throws IOException {
    absolute = globalAbsolute;
    TarArchiveEntry e = getNextEntry();
    if (e == null) {
      return null;
    }
    if (!e.isCheckSumOK()) {
      throw checksumMismatch();
    }
    return new Entry(e, absolute && !e.getName().startsWith("/") ? "/" + e.getName() : e.getName());
  }

  @Override
  protected byte[] readRecord() throws IOException {
    endMeta();
    byte[] r = super.readRecord();
    if (r != null && isMeta(r[TYPE_OFFSET])) {
      if (!TarUtils.verifyCheckSum(r)) {
        throw checksumMismatch();
      }
      long size = TarUtils.parseOctalOrBinary(r, SIZE_OFFSET, TarConstants.SIZELEN);
      if (size < 0 || size > MAX_META) {
        throw new IOException("tar extended header of " + size + " bytes refused (at most " + MAX_META + ")");
      }
      meta = new ByteArrayOutputStream((int) size);
      metaType = r[TYPE_OFFSET];
    }
    return r;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (meta != null && n > 0) {
      meta.write(b, off, n);
    }
    return n;
  }

  private static boolean isMeta(byte type) {
    return type == TarConstants.LF_GNUTYPE_LONGNAME || type == TarConstants.LF_GNUTYPE_LONGLINK
        || type == TarConstants.LF_PAX_EXTENDED_HEADER_LC || type == TarConstants.LF_PAX_EXTENDED_HEADER_UC
        || type == TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER;
  }

  /** Looks at the data of the extended header just read: does it make the next name (or all) absolute? */
  private void endMeta() {
    if (meta == null) {
      return;
    }
    byte[] data = meta.toByteArray();
    meta = null;
    boolean abs = metaType == TarConstants.LF_GNUTYPE_LONGNAME ? data.length > 0 && data[0] == '/'
        : metaType != TarConstants.LF_GNUTYPE_LONGLINK
            && ABSOLUTE_PAX_PATH.matcher(new String(data, StandardCharsets.ISO_8859_1)).find();
    absolute |= abs;
    globalAbsolute |= abs && metaType == TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER;
  }

  private static IOException checksumMismatch() {
    return new IOException("tar header checksum mismatch: not a tar archive, or a damaged one");
  }
}
