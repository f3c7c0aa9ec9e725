package dci.app.moves;

import dci.protocol.DciSerializable;
import dci.protocol.moves.MoveView;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The move manager on one blade. As coordinator it keeps the moves planned here ({@link
 * MoveBook}) and runs them ({@link MoveWork}, one at a time per move, resumed after a restart);
 * as a source or target it does the blade's own part of any move ({@link Work}: hold a desk,
 * back up, restore into the temporary folder, put it in place, remove an old home).
 */
final class Moves extends AbstractBehavior<Moves.Command> {
  interface Command {}

  record PlanMove(MoveView move, ActorRef<MoveView> replyTo) implements Command, DciSerializable {}

  record GetMove(String id, ActorRef<MoveBook.Found> replyTo) implements Command, DciSerializable {}

  record ListMoves(ActorRef<MoveBook.Listing> replyTo) implements Command, DciSerializable {}

  /** Run (or resume) the move; cancel it. The answer: the move, or an error with its HTTP status. */
  record RunMove(String id, boolean cancel, ActorRef<Answer> replyTo) implements Command, DciSerializable {}

  record Answer(int status, String error, MoveView move) implements DciSerializable {}

  /** A blade's own part of a move. */
  enum Job { hold, release, backup, restore, fetch, place, drop, remove }

  /**
   * Do {@code job} for {@code user} of move {@code id} here; {@code rel}: the user's home in the
   * source's archive; {@code bytesPerSecond}: the move's bandwidth cap on a restore or a fetch
   * (the home streamed straight from the source; null: no cap).
   */
  record Work(Job job, String id, String user, String source, String rel, Long bytesPerSecond, ActorRef<Done> replyTo)
      implements Command, DciSerializable {}

  /** What {@link Work} did ({@code error} null), or why it failed. */
  record Done(String detail, String error) implements DciSerializable {}

  /** From the book after a restart: the moves that were running. */
  record Recovered(List<MoveView> running) implements Command {}

  private record Found(RunMove request, MoveView move) implements Command {}

  private record Ran(String id, Throwable error) implements Command {}

  private record Worked(ActorRef<Done> replyTo, String detail, Throwable error) implements Command {}

  static ServiceKey<Command> keyOf(String blade) {
    return ServiceKey.create(Command.class, "dci-moves-" + blade);
  }

  /** Every blade's move manager. */
  static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "dci-moves");

  private final MoveContext mx;
  private final ActorRef<MoveBook.Command> book;
  private final MoveFiles files;
  private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  static Behavior<Command> create(MoveContext mx) {
    return Behaviors.setup(ctx -> new Moves(ctx, mx));
  }

  private Moves(ActorContext<Command> ctx, MoveContext mx) {
    super(ctx);
    this.mx = mx;
    this.book = ctx.spawn(MoveBook.create(mx.blade(), ctx.getSelf()), "book");
    this.files = new MoveFiles(ctx.getSystem(), mx);
    ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
    ctx.getSystem().receptionist().tell(Receptionist.register(keyOf(mx.blade()), ctx.getSelf()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(PlanMove.class, m -> {
          book.tell(new MoveBook.Plan(m.move(), m.replyTo()));
          return this;
        })
        .onMessage(GetMove.class, m -> {
          book.tell(new MoveBook.Get(m.id(), m.replyTo()));
          return this;
        })
        .onMessage(ListMoves.class, m -> {
          book.tell(new MoveBook.All(m.replyTo()));
          return this;
        })
        .onMessage(RunMove.class, this::onRunMove)
        .onMessage(Found.class, this::onFound)
        .onMessage(Recovered.class, this::onRecovered)
        .onMessage(Ran.class, this::onRan)
        .onMessage(Work.class, this::onWork)
        .onMessage(Worked.class, m -> {
          Throwable e = m.error() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
              ? c.getCause() : m.error();
          m.replyTo().tell(new Done(m.detail(), e == null ? null : String.valueOf(e.getMessage())));
          return this;
        })
        .build();
  }

  private Behavior<Command> onRunMove(RunMove m) {
    getContext().ask(MoveBook.Found.class, book, mx.settings().stepTimeout(), rt -> new MoveBook.Get(m.id(), rt),
        (f, err) -> new Found(m, f == null ? null : f.move()));
    return this;
  }

  private Behavior<Command> onFound(Found f) {
    RunMove m = f.request();
    MoveView move = f.move();
    if (move == null) {
      m.replyTo().tell(new Answer(404, "no move " + m.id() + " on " + mx.blade(), null));
    } else if (move.over()) {
      m.replyTo().tell(new Answer(409, "move " + m.id() + " is over: " + move.state(), move));
    } else if (m.cancel()) {
      AtomicBoolean flag = running.get(move.id());
      if (flag != null) {
        flag.set(true);
        m.replyTo().tell(new Answer(200, null, move));
      } else {
        getContext().pipeToSelf(step(move.id(), "cancelled", "cancelled before it ran", null),
            (v, err) -> new Ran(move.id(), null));
        m.replyTo().tell(new Answer(200, null, move));
      }
    } else {
      start(move, false);
      m.replyTo().tell(new Answer(202, null, move));
    }
    return this;
  }

  private Behavior<Command> onRecovered(Recovered m) {
    m.running().forEach(move -> {
      getContext().getLog().warn("move {} was running when {} stopped: resuming it", move.id(), mx.blade());
      start(move, true);
    });
    return this;
  }

  private void start(MoveView move, boolean resumed) {
    if (running.containsKey(move.id())) {
      return;
    }
    AtomicBoolean cancel = new AtomicBoolean();
    running.put(move.id(), cancel);
    MoveWork work = new MoveWork(getContext().getSystem(), mx, book, move, cancel, clock, resumed);
    getContext().pipeToSelf(CompletableFuture.runAsync(work::run, mx.io()), (v, err) -> new Ran(move.id(), err));
  }

  private Behavior<Command> onRan(Ran m) {
    running.remove(m.id());
    if (m.error() != null) {
      getContext().getLog().warn("move {} stopped: {}", m.id(), m.error().toString());
    }
    return this;
  }

  private Behavior<Command> onWork(Work m) {
    getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> files.work(m), mx.io()),
        (detail, err) -> new Worked(m.replyTo(), detail, err));
    return this;
  }

  private CompletableFuture<MoveView> step(String id, String state, String what, String mark) {
    return org.apache.pekko.actor.typed.javadsl.AskPattern.<MoveBook.Command, MoveView>ask(book,
        rt -> new MoveBook.Step(id, state, new MoveView.Step(clock.instant(), mx.blade(), what), mark, rt),
        mx.settings().stepTimeout(), getContext().getSystem().scheduler()).toCompletableFuture();
  }
}
