package cn.yuhao.care;

import cn.yuhao.care.config.AppConfig;
import cn.yuhao.care.db.Database;
import cn.yuhao.care.db.Migrations;
import cn.yuhao.care.demo.DemoData;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Commands: {@code serve [--demo]} (default) runs the service; {@code migrate} applies migrations and
 * exits; {@code demo} loads the demo data and exits; {@code rekey} seals every sealed column again with the
 * active data key (resumable).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
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
      run(command, config, clock, argv.contains("--demo"));
    } catch (AppConfig.ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      System.exit(2);
    }
  }

  private static void run(String command, AppConfig config, Clock clock, boolean demo) throws InterruptedException {
    switch (command) {
      case "serve" -> serve(config, clock, demo);
      case "migrate" -> {
        try (Database db = Database.open(config, new SimpleMeterRegistry())) {
          int n = new Migrations(db.dataSource(),
              new cn.yuhao.care.privacy.FieldCipher(cn.yuhao.care.privacy.Keys.load(config))).migrate();
          System.out.println("applied " + n + " migrations");
        }
      }
      case "rekey" -> {
        try (Database db = Database.open(config, new SimpleMeterRegistry())) {
          cn.yuhao.care.privacy.Keys keys = cn.yuhao.care.privacy.Keys.load(config);
          var report = new cn.yuhao.care.privacy.Rekey(db.jdbi(), new cn.yuhao.care.privacy.FieldCipher(keys), keys)
              .run(500, Integer.MAX_VALUE);
          report.resealed().forEach((column, n) -> System.out.println(column + ": " + n + " sealed again"));
          System.out.println(report.remaining() == 0 ? "every value is sealed with " + keys.activeKeyId()
              + ": the old keys can be removed from DATA_KEY"
              : report.remaining() + " values are still on an old key (an instance not restarted with the new "
                  + "DATA_KEY keeps writing them): restart every instance, then run rekey again");
        }
      }
      case "demo" -> {
        try (App app = App.start(config.withPort(0), clock)) {
          DemoData.load(app.services(), clock);
        }
      }
      default -> {
        System.err.println("usage: java -jar yuhao-care-api.jar [serve [--demo] | migrate | demo | rekey]");
        System.exit(2);
      }
    }
  }

  private static void serve(AppConfig config, Clock clock, boolean demo) throws InterruptedException {
    // The demo data is loaded before the port opens, so /ready answers only when it is there.
    App app = App.start(config, clock, demo ? services -> DemoData.load(services, clock) : services -> { });
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
  }
}
