package dci.protocol.pkg;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The publisher keys a blade accepts packages from (listed in configuration or added by an
 * admin). Immutable; keys are compared by their whole encoding, not only by key id.
 */
public final class TrustedKeys {
  /** Trusts nothing: every package is refused. */
  public static final TrustedKeys NONE = new TrustedKeys(Map.of());

  private final Map<String, PublicKey> byId;

  private TrustedKeys(Map<String, PublicKey> byId) {
    this.byId = Map.copyOf(byId);
  }

  public static TrustedKeys of(PublicKey... keys) {
    return of(Arrays.asList(keys));
  }

  public static TrustedKeys of(Collection<PublicKey> keys) {
    Map<String, PublicKey> m = new TreeMap<>();
    for (PublicKey k : keys) {
      m.put(PackageKeys.keyId(k), k);
    }
    return new TrustedKeys(m);
  }

  /** Keys from {@code .pub} files. */
  public static TrustedKeys load(List<Path> files) {
    return of(files.stream().map(PackageKeys::readPublic).toList());
  }

  /** Keys given as base64 X.509 encodings or PEM text, as configuration lists them. */
  public static TrustedKeys parse(List<String> keys) {
    return of(keys.stream().map(PackageKeys::parsePublic).toList());
  }

  /** These keys and {@code key}. */
  public TrustedKeys with(PublicKey key) {
    Map<String, PublicKey> m = new TreeMap<>(byId);
    m.put(PackageKeys.keyId(key), key);
    return new TrustedKeys(m);
  }

  public boolean trusts(PublicKey key) {
    PublicKey k = byId.get(PackageKeys.keyId(key));
    return k != null && Arrays.equals(k.getEncoded(), key.getEncoded());
  }

  public Set<String> keyIds() {
    return new java.util.TreeSet<>(byId.keySet());
  }

  public boolean isEmpty() {
    return byId.isEmpty();
  }

  @Override
  public String toString() {
    return "TrustedKeys" + keyIds();
  }
}
