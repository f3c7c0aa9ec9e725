package dci.actors.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dci.actors.router.DeliverSerializer;
import dci.protocol.envelope.Envelope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * The journal form of {@link Logged}, the message log's event: per line its seq, time, blade,
 * direction and note, its envelope in the compact form of {@link DeliverSerializer} without the
 * payload (Jackson CBOR for one that form cannot hold), then the payload (length and Jackson
 * CBOR). A reader of the log decodes every line of
 * an event but the payloads ({@link #heads}: what queries filter on), then the payloads of the
 * lines it keeps only ({@link #complete}), so answering a query costs little more than the lines
 * it returns. Cheaper to write than the generic Jackson form too. Format version 1 (manifest
 * {@code L1}); events journaled earlier in Jackson CBOR are still read by that serializer.
 */
public final class LoggedSerializer extends SerializerWithStringManifest {
  static final String MANIFEST = "L1";
  static final int IDENTIFIER = 912_002;
  /**
   * For the rare envelope the compact form cannot hold (no app type or no recipients). Not
   * {@code Json.configure}'s settings: these bytes are kept on disk across versions, so a field
   * added or dropped later must still read back.
   */
  private static final ObjectMapper ENVELOPES = new ObjectMapper(new CBORFactory()).findAndRegisterModules();

  /** A line of an event without its payload, and where the payload lies in the event's bytes. */
  record Head(LogEntry line, int payloadAt, int payloadLength) {}

  public LoggedSerializer(ExtendedActorSystem system) {
    // nothing from the system: a Logged holds no actor references
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object o) {
    return MANIFEST;
  }

  @Override
  public byte[] toBinary(Object o) {
    if (!(o instanceof Logged logged)) {
      throw new IllegalArgumentException("cannot serialize " + o.getClass());
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 256 * logged.entries().size());
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(logged.entries().size());
      for (LogEntry e : logged.entries()) {
        out.writeLong(e.seq());
        out.writeLong(e.at().getEpochSecond());
        out.writeInt(e.at().getNano());
        text(out, e.blade());
        out.writeByte(e.direction().ordinal());
        text(out, e.note());
        Envelope env = e.envelope();
        if (env.appType() != null && env.to() != null && env.to().mode() != null) {
          out.writeByte(1);
          DeliverSerializer.write(out, withPayload(env, null));
        } else {
          byte[] generic = ENVELOPES.writeValueAsBytes(withPayload(env, null));
          out.writeByte(0);
          out.writeInt(generic.length);
          out.write(generic);
        }
        DeliverSerializer.writePayload(out, env.payload());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    List<LogEntry> lines = new ArrayList<>();
    for (Head h : heads(bytes, manifest)) {
      lines.add(complete(bytes, h));
    }
    return new Logged(lines);
  }

  /** The lines of an event in this form, payloads left undecoded. */
  static List<Head> heads(byte[] bytes, String manifest) throws NotSerializableException {
    if (!MANIFEST.equals(manifest)) {
      throw new NotSerializableException("unknown message log event format '" + manifest + "'");
    }
    try {
      ByteArrayInputStream buffer = new ByteArrayInputStream(bytes);
      DataInputStream in = new DataInputStream(buffer);
      int n = in.readInt();
      List<Head> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        long seq = in.readLong();
        Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
        String blade = text(in);
        Direction direction = Direction.values()[in.readByte()];
        String note = text(in);
        Envelope env;
        if (in.readByte() == 1) {
          env = DeliverSerializer.read(in);
        } else {
          byte[] generic = new byte[in.readInt()];
          in.readFully(generic);
          env = ENVELOPES.readValue(generic, Envelope.class);
        }
        int length = in.readInt();
        int payloadAt = bytes.length - buffer.available();
        if (length > 0 && in.skipBytes(length) != length) {
          throw new IOException("event cut short");
        }
        out.add(new Head(new LogEntry(seq, at, blade, direction, env, note), payloadAt, length));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      NotSerializableException n = new NotSerializableException("corrupt message log event: " + e.getMessage());
      n.initCause(e);
      throw n;
    }
  }

  /** The line of {@code head} with its payload, decoded from the event's {@code bytes}. */
  static LogEntry complete(byte[] bytes, Head head) {
    if (head.payloadLength() < 0) {
      return head.line();
    }
    try {
      LogEntry e = head.line();
      return new LogEntry(e.seq(), e.at(), e.blade(), e.direction(),
          withPayload(e.envelope(), DeliverSerializer.readPayload(bytes, head.payloadAt(), head.payloadLength())), e.note());
    } catch (IOException x) {
      throw new UncheckedIOException("corrupt payload in the message log: " + x.getMessage(), x);
    }
  }

  private static Envelope withPayload(Envelope e, com.fasterxml.jackson.databind.JsonNode payload) {
    return new Envelope(e.id(), e.appType(), e.instance(), e.sender(), e.to(), e.ttl(), e.hops(), e.created(),
        e.correlationId(), e.replayOf(), payload);
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
    } else {
      byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private static String text(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }
}
