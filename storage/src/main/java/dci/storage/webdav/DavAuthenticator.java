package dci.storage.webdav;

import dci.actors.auth.UserRegistry;
import dci.actors.auth.LoginThrottle;
import dci.protocol.auth.Role;
import dci.storage.webdav.DavAuth;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.Patterns;

/**
 * WebDAV clients send HTTP Basic on every request; hashing the password each time (PBKDF2)
 * would cost far more than the request. The first good password logs the user in and the
 * token is remembered under a SHA-256 of the credentials; later requests check that token
 * (so a changed password, a removed user or a logout takes effect at once). Failed attempts
 * are slowed per address like API logins. Bearer tokens work too.
 */
public final class DavAuthenticator implements DavAuth {
  private static final int MAX_CACHED = 10_000;
  private final ActorSystem<?> system;
  private final ActorRef<UserRegistry.Command> users;
  private final LoginThrottle throttle;
  private final Duration timeout;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  public DavAuthenticator(ActorSystem<?> system, ActorRef<UserRegistry.Command> users, LoginThrottle throttle,
      Duration timeout) {
    this.system = system;
    this.users = users;
    this.throttle = throttle;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<Optional<User>> authenticate(Optional<String> authorization, String address) {
    if (authorization.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    String h = authorization.get().trim();
    if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return check(h.substring(7).trim());
    }
    if (!h.regionMatches(true, 0, "Basic ", 0, 6)) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    String user = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    String key = digest(decoded);
    String cached = tokens.get(key);
    if (cached != null) {
      return check(cached).thenCompose(u -> {
        if (u.isPresent()) {
          return CompletableFuture.completedFuture(u);
        }
        tokens.remove(key);
        return login(key, user, password, address);
      });
    }
    return login(key, user, password, address);
  }

  private CompletionStage<Optional<User>> login(String key, String user, String password, String address) {
    Duration wait = throttle.delayFor(address, user);
    return Patterns.after(wait, system.classicSystem().scheduler(), system.executionContext(), () -> {
          if (!throttle.tryStartCheck()) {
            return CompletableFuture.<UserRegistry.LoginResult>failedFuture(new dci.storage.webdav.DavAuth.Busy());
          }
          return AskPattern.<UserRegistry.Command, UserRegistry.LoginResult>ask(users,
                  r -> new UserRegistry.Login(user, password, null, r), timeout, system.scheduler())
              .whenComplete((r, e) -> throttle.endCheck());
        })
        .thenCompose(res -> {
          if (res instanceof UserRegistry.LoggedIn in) {
            throttle.succeeded(address, user);
            if (tokens.size() >= MAX_CACHED) {
              tokens.clear();
            }
            tokens.put(key, in.token());
            return CompletableFuture.completedFuture(Optional.of(of(in.principal().user(), in.principal().role())));
          }
          throttle.failed(address, user);
          return CompletableFuture.completedFuture(Optional.<User>empty());
        });
  }

  private CompletionStage<Optional<User>> check(String token) {
    return AskPattern.<UserRegistry.Command, UserRegistry.AuthResult>ask(users,
            r -> new UserRegistry.Authorize(token, r), timeout, system.scheduler())
        .thenApply(res -> res instanceof UserRegistry.Authorized a
            ? Optional.of(of(a.principal().user(), a.principal().role())) : Optional.empty());
  }

  private static User of(String name, Role role) {
    return new User(name, role.atLeast(Role.OPERATOR), role == Role.ADMIN);
  }

  private static String digest(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
