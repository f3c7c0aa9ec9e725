package dci.app.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The services of installed packages as real supervised processes. */
class ServicesTest {
  @TempDir Path tmp;
  private Installer installer;
  private TestPackages packages;
  private final Services services = new Services();

  @BeforeEach
  void setUp() {
    installer = new Installer(tmp.resolve("data/packages"));
    packages = new TestPackages(tmp);
  }

  @AfterEach
  void tearDown() {
    services.close();
  }

  private static String service(String name, String script) {
    return "<service name=\"" + name + "\" program=\"sh\"><arg>-c</arg><arg>" + script + "</arg></service>";
  }

  private InstalledPackage install(String name, String script) throws Exception {
    assertThat(installer.install(packages.build(name, "1.0", "<install>" + service("daemon", script) + "</install>",
        Map.of("README", "a service"))).ok()).isTrue();
    return installer.installed(name).orElseThrow();
  }

  private static List<String> lines(Path p) throws Exception {
    return Files.exists(p) ? Files.readAllLines(p) : List.of();
  }

  private static void await(String what, java.util.concurrent.Callable<Boolean> cond) {
    Awaitility.await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(cond);
  }

  @Test
  void anInstalledServiceRunsInItsInstallDirectoryAndStopsWhenTold() throws Exception {
    InstalledPackage p = install("clock", "echo $$ >> pids.txt; echo up; exec sleep 60");
    services.start(p);
    Path pids = p.dir().resolve("pids.txt");
    await("the service to start", () -> lines(pids).size() == 1);
    long pid = Long.parseLong(lines(pids).get(0).trim());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
    assertThat(services.status().get("clock")).singleElement().asString().contains("clock/daemon running");
    await("its output in the service log", () -> lines(p.dir().resolve(".dci/service-daemon.log")).contains("up"));

    services.stop("clock");
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("stopped").isFalse();
    assertThat(services.status()).doesNotContainKey("clock");
    Awaitility.await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(lines(pids)).as("not started again after a stop").hasSize(1));
  }

  @Test
  void aServiceThatExitsIsStartedAgain() throws Exception {
    InstalledPackage p = install("flaky", "echo run >> runs.txt");
    services.start(p);
    await("a second start after the first exit", () -> lines(p.dir().resolve("runs.txt")).size() >= 2);
    assertThat(services.status().get("flaky")).singleElement().asString().contains("flaky/daemon");
  }
  @Test
  void aServiceLeftRunningByABladeKilledOutrightIsStoppedBeforeItStartsAgain() throws Exception {
    InstalledPackage p = install("lefty", "echo $$ >> pids.txt; exec sleep 60");
    // what a SIGKILLed blade leaves: the service's process, still running, named in its pid file
    Process orphan = new ProcessBuilder("sleep", "60").start();
    Path pidFile = p.dir().resolve(".dci/service-daemon.pid");
    ServicePidFile.write(pidFile, orphan.toHandle());
    services.start(p);
    await("the left-over process to be stopped", () -> !orphan.isAlive());
    await("the service to run again", () -> lines(p.dir().resolve("pids.txt")).size() == 1);
    long pid = Long.parseLong(lines(p.dir().resolve("pids.txt")).get(0).trim());
    assertThat(Files.readString(pidFile)).as("the pid file names the new process").startsWith(pid + " ");
  }

  @Test
  void aPidFileNamingAnotherProcessThanTheServicesLeavesThatProcessAlone() throws Exception {
    InstalledPackage p = install("stranger", "exec sleep 60");
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      Path pidFile = p.dir().resolve(".dci/service-daemon.pid");
      Files.createDirectories(pidFile.getParent());
      // the same pid, another start time: the pid was reused by a process that is none of ours
      Files.writeString(pidFile, other.pid() + " 12345\n");
      services.start(p);
      await("the service to run", () -> services.status().get("stranger").get(0).contains("running"));
      Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(other.isAlive()).as("the other process, left alone").isTrue());
    } finally {
      other.destroyForcibly();
    }
  }
}
