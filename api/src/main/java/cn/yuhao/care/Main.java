package cn.yuhao.care;

import cn.yuhao.care.config.AppConfig;
import cn.yuhao.care.demo.DemoData;
import cn.yuhao.care.ops.Commands;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Commands: {@code serve [--demo]} (default) runs the service; {@code migrate} applies migrations and
 * exits; {@code demo} loads the demo data and exits; {@code rekey} seals every sealed column again with the
 * active data key (resumable); {@code reindex} recomputes the blind indexes with INDEX_KEY; {@code backup --to FILE [--with-keys]} and {@code restore --from FILE
 * [--keys-to FILE]}; {@code warm-up} starts with the demo data, makes a mini-program's first requests and
 * stops (the package step's training run for the class-data-sharing archive).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException, java.io.IOException {
    // Before the first logger exists: LOG_FORMAT=json selects the JSON configuration.
    if ("json".equalsIgnoreCase(System.getenv("LOG_FORMAT"))
        && System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
    List<String> argv = List.of(args);
    String command = argv.isEmpty() || argv.get(0).startsWith("--") ? "serve" : argv.get(0);
    AppConfig config;
    try {
      config = AppConfig.fromEnv(System.getenv());
    } catch (AppConfig.ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    // Millisecond ticks: the database keeps DATETIME(3), so what we answer equals what we store.
    Clock clock = Clock.tickMillis(java.time.ZoneOffset.UTC);
    try {
      run(command, config, clock, argv);
    } catch (AppConfig.ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      System.exit(2);
    } catch (IllegalStateException | IllegalArgumentException e) {
      if (command.equals("serve")) {
        throw e;
      }
      // A refused backup, restore or rekey: the reason, not a stack trace.
      System.err.println(command + " refused: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void run(String command, AppConfig config, Clock clock, List<String> argv)
      throws InterruptedException, java.io.IOException {
    switch (command) {
      case "serve" -> serve(config, clock, argv.contains("--demo"));
      case "migrate" -> Commands.migrate(config);
      case "backup" -> Commands.backup(config, argv);
      case "restore" -> Commands.restore(config, argv);
      case "rekey" -> Commands.rekey(config);
      case "reindex" -> Commands.reindex(config);
      case "warm-up" -> WarmUp.run(config, clock);
      case "demo" -> {
        try (App app = App.start(config.withPort(0), clock)) {
          DemoData.load(app.services(), clock);
        }
      }
      default -> {
        System.err.println(
            "usage: java -jar yuhao-care-api.jar [serve [--demo] | migrate | demo | rekey"
                + " | reindex | backup --to FILE [--with-keys] | restore --from FILE [--keys-to FILE] | warm-up]");
        System.exit(2);
      }
    }
  }

  private static void serve(AppConfig config, Clock clock, boolean demo)
      throws InterruptedException {
    // The demo data is loaded before the port opens, so /ready answers only when it is there.
    App app = App.start(
        config, clock, demo ? services -> DemoData.load(services, clock) : services -> {});
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(
            () -> {
              app.close();
              stopped.countDown();
            },
            "shutdown"));
    stopped.await();
  }
}
