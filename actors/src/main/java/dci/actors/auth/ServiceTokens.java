package dci.actors.auth;

import dci.actors.auth.UserRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/** The blade's token for calls to other blades, renewed well before it expires. */
public final class ServiceTokens {
  private final ActorSystem<?> system;
  private final ActorRef<UserRegistry.Command> users;
  private final AtomicReference<UserRegistry.ServiceToken> current = new AtomicReference<>();

  public ServiceTokens(ActorSystem<?> system, ActorRef<UserRegistry.Command> users) {
    this.system = system;
    this.users = users;
  }

  public CompletionStage<String> token() {
    UserRegistry.ServiceToken t = current.get();
    if (t != null && t.token() != null && Instant.now().plus(Duration.ofMinutes(10)).isBefore(t.expiresAt())) {
      return CompletableFuture.completedFuture(t.token());
    }
    return AskPattern.<UserRegistry.Command, UserRegistry.ServiceToken>ask(users, UserRegistry.IssueServiceToken::new,
            Duration.ofSeconds(10), system.scheduler())
        .thenApply(fresh -> {
          if (fresh.token() == null) {
            throw new IllegalStateException("the cluster has no token key yet");
          }
          current.set(fresh);
          return fresh.token();
        });
  }
}
