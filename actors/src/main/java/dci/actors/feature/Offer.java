package dci.actors.feature;

import dci.actors.peerlet.PeerletType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * What a started feature gives the blade.
 *
 * @param api routes under {@code /api} (without that prefix), answered with JSON errors
 * @param root routes at the root that answer with JSON errors: {@code /internal/*} (blade to
 *     blade, service tokens) and WebSockets
 * @param mount routes at the root with their own error handling (a WebDAV mount point)
 * @param peerlets app types the feature's peerlets handle, registered on the blade
 * @param hiddenFromViewers app types whose logged payloads viewers may not read
 * @param provides services other features may use ({@link Services#require})
 * @param methods HTTP methods beyond the standard ones that the feature's routes serve (WebDAV's)
 */
public record Offer(Optional<Route> api, Optional<Route> root, Optional<Route> mount, List<PeerletType> peerlets,
    Set<String> hiddenFromViewers, Map<Class<?>, Object> provides, List<HttpMethod> methods) {

  public static Builder builder() {
    return new Builder();
  }

  /** An offer of nothing but what the feature started (actors that need no route). */
  public static Offer none() {
    return builder().build();
  }

  /** Builds an {@link Offer}. */
  public static final class Builder {
    private Route api;
    private Route root;
    private Route mount;
    private final List<PeerletType> peerlets = new ArrayList<>();
    private final Set<String> hidden = new LinkedHashSet<>();
    private final Map<Class<?>, Object> provides = new LinkedHashMap<>();
    private final List<HttpMethod> methods = new ArrayList<>();

    private Builder() {}

    public Builder api(Route route) {
      this.api = route;
      return this;
    }

    public Builder root(Route route) {
      this.root = route;
      return this;
    }

    public Builder mount(Route route) {
      this.mount = route;
      return this;
    }

    public Builder peerlet(PeerletType type) {
      peerlets.add(type);
      return this;
    }

    /** Viewers read envelopes of {@code appType} (to it and its replies) with the payload redacted. */
    public Builder hiddenFromViewers(String appType) {
      hidden.add(appType);
      return this;
    }

    public <T> Builder provide(Class<T> type, T service) {
      provides.put(type, service);
      return this;
    }

    /** The server must parse these methods (custom ones, such as WebDAV's PROPFIND). */
    public Builder methods(List<HttpMethod> custom) {
      methods.addAll(custom);
      return this;
    }

    public Offer build() {
      return new Offer(Optional.ofNullable(api), Optional.ofNullable(root), Optional.ofNullable(mount),
          List.copyOf(peerlets), Set.copyOf(hidden), Map.copyOf(provides), List.copyOf(methods));
    }
  }
}
