package dci.actors.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dci.protocol.Json;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
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
import java.util.UUID;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * The wire form of {@link Router.Deliver}, the one message on the routing hot path: the
 * envelope's fixed fields written directly, only its payload tree through Jackson CBOR. It
 * replaces the generic Jackson serializer for this one class (about half of a round trip's CPU
 * went to it). Format version 1; unknown versions are refused.
 */
public final class DeliverSerializer extends SerializerWithStringManifest {
  private static final String MANIFEST = "D1";
  /** The payload tree in CBOR, a binary format of its own: the project's settings on a CBOR mapper. */
  private static final ObjectMapper CBOR = Json.configure(CBORMapper.builder()).build();

  public DeliverSerializer(ExtendedActorSystem system) {
    // the system is not needed: a Deliver holds no actor references
  }

  @Override
  public int identifier() {
    return 912_001;
  }

  @Override
  public String manifest(Object o) {
    return MANIFEST;
  }

  @Override
  public byte[] toBinary(Object o) {
    if (!(o instanceof Router.Deliver d)) {
      throw new IllegalArgumentException("cannot serialize " + o.getClass());
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
      DataOutputStream out = new DataOutputStream(bytes);
      write(out, d.envelope());
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    if (!MANIFEST.equals(manifest)) {
      throw new NotSerializableException("unknown Deliver format '" + manifest + "'");
    }
    try {
      return new Router.Deliver(read(new DataInputStream(new ByteArrayInputStream(bytes))));
    } catch (IOException | RuntimeException e) {
      NotSerializableException n = new NotSerializableException("corrupt Deliver: " + e.getMessage());
      n.initCause(e);
      throw n;
    }
  }

  /**
   * Writes {@code e} in this compact form (its payload last, as a length and Jackson CBOR; -1 for
   * none). The message log's events use it too ({@code dci.actors.log.LoggedSerializer}).
   */
  public static void write(DataOutputStream out, Envelope e) throws IOException {
    uuid(out, e.id());
    out.writeUTF(e.appType());
    text(out, e.instance());
    boolean hasSender = e.sender() != null;
    out.writeBoolean(hasSender);
    if (hasSender) {
      text(out, e.sender().blade());
      text(out, e.sender().appType());
      text(out, e.sender().instance());
    }
    out.writeByte(e.to().mode().ordinal());
    out.writeShort(e.to().blades().size());
    for (String b : e.to().blades()) {
      out.writeUTF(b);
    }
    out.writeInt(e.ttl() == null ? -1 : e.ttl());
    out.writeInt(e.hops() == null ? -1 : e.hops());
    out.writeBoolean(e.created() != null);
    if (e.created() != null) {
      out.writeLong(e.created().getEpochSecond());
      out.writeInt(e.created().getNano());
    }
    uuid(out, e.correlationId());
    uuid(out, e.replayOf());
    writePayload(out, e.payload());
  }

  /** A payload as its length and its Jackson CBOR bytes, or -1 for none (read it back with {@link #readPayload}). */
  public static void writePayload(DataOutputStream out, com.fasterxml.jackson.databind.JsonNode payload)
      throws IOException {
    if (payload == null) {
      out.writeInt(-1);
    } else {
      byte[] p = CBOR.writeValueAsBytes(payload);
      out.writeInt(p.length);
      out.write(p);
    }
  }

  /** The payload of {@code length} CBOR bytes at {@code offset} of {@code bytes}, as {@link #writePayload} wrote it. */
  public static com.fasterxml.jackson.databind.JsonNode readPayload(byte[] bytes, int offset, int length)
      throws IOException {
    return CBOR.readTree(bytes, offset, length);
  }

  /** Reads an envelope {@link #write} wrote. */
  public static Envelope read(DataInputStream in) throws IOException {
    UUID id = uuid(in);
    String appType = in.readUTF();
    String instance = text(in);
    Sender sender = in.readBoolean() ? new Sender(text(in), text(in), text(in)) : null;
    Recipients.Mode mode = Recipients.Mode.values()[in.readByte()];
    int n = in.readShort();
    List<String> blades = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      blades.add(in.readUTF());
    }
    int ttl = in.readInt();
    int hops = in.readInt();
    Instant created = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    UUID correlation = uuid(in);
    UUID replayOf = uuid(in);
    int len = in.readInt();
    JsonNode payload = null;
    if (len >= 0) {
      byte[] p = new byte[len];
      in.readFully(p);
      payload = CBOR.readTree(p);
    }
    return new Envelope(id, appType, instance, sender, new Recipients(mode, blades), ttl < 0 ? null : ttl,
        hops < 0 ? null : hops, created, correlation, replayOf, payload);
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String text(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void uuid(DataOutputStream out, UUID u) throws IOException {
    out.writeBoolean(u != null);
    if (u != null) {
      out.writeLong(u.getMostSignificantBits());
      out.writeLong(u.getLeastSignificantBits());
    }
  }

  private static UUID uuid(DataInputStream in) throws IOException {
    return in.readBoolean() ? new UUID(in.readLong(), in.readLong()) : null;
  }
}
