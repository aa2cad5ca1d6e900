package cn.yuhao.care.support;

import cn.yuhao.care.App;
import cn.yuhao.care.config.AppConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The service under test, started once per test run (JUnit's root store closes it at the end): a real
 * server on a random port, the embedded MariaDB (or DB_URL when set) and the WeChat simulator.
 */
public final class TestServer implements ExtensionContext.Store.CloseableResource {
  public static final String ROOT_ADMIN_OPENID = "dev_test_root";

  private final App app;
  private final MutableClock clock;
  private final String contract;

  private TestServer(App app, MutableClock clock, String contract) {
    this.app = app;
    this.clock = clock;
    this.contract = contract;
  }

  static TestServer get(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(TestServer.class, k -> start(), TestServer.class);
  }

  private static final Path DATA_DIR = Path.of("target", "test-data").toAbsolutePath();

  private static TestServer start() {
    deleteTree(DATA_DIR);
    MutableClock clock = new MutableClock();
    App app = App.start(AppConfig.fromEnv(env()), clock);
    return new TestServer(app, clock, readContract());
  }

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("DATA_DIR", DATA_DIR.toString());
    env.put("PORT", "0");
    env.put("APP_ENV", "development");
    env.remove("WECHAT_APPID");
    env.remove("WECHAT_SECRET");
    env.remove("DATA_KEY");
    env.remove("INDEX_KEY");
    env.put("BOOTSTRAP_ADMIN_OPENIDS", ROOT_ADMIN_OPENID);
    // Every test logs in from 127.0.0.1: the per-IP limit is tested on RateLimiter itself.
    env.put("LOGIN_LIMIT_PER_IP", "1000000");
    env.put("LOGIN_LIMIT_PER_OPENID", "5");
    env.put("CODE_LIMIT_PER_USER", "5");
    env.put("WECHAT_TIMEOUT_MS", "1500");
    // Tests run the scheduler's jobs themselves (services().scheduler().runOnce()), at the clock
    // they set.
    env.put("SCHEDULER_ENABLED", "false");
    // One district (TrainingApiTest's) admits only volunteers who completed a pre-service course.
    env.put("PRE_SERVICE_REQUIRED_DISTRICTS", "500192");
    return env;
  }

  /**
   * A second instance of the service on the same database (and the same keys), with settings of its own; the
   * caller closes it.
   */
  public App another(Map<String, String> settings) {
    return another(settings, services -> {});
  }

  public App another(
      Map<String, String> settings, java.util.function.Consumer<App.Services> beforeListening) {
    Map<String, String> env = env();
    env.put("DB_URL", app.services().jdbcUrl());
    env.putAll(settings);
    return App.start(AppConfig.fromEnv(env), clock, beforeListening);
  }

  private static String readContract() {
    try (InputStream in = TestServer.class.getResourceAsStream("/contract/openapi.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new, empty database of that name on the same server (dropped first if a run left one): its JDBC URL. */
  public String freshDatabase(String name) {
    app.services().jdbi().useHandle(h -> {
      h.execute("DROP DATABASE IF EXISTS " + name);
      h.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    });
    return app.services().jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
  }

  public App app() {
    return app;
  }

  public MutableClock clock() {
    return clock;
  }

  public String contract() {
    return contract;
  }

  @Override
  public void close() {
    app.close();
  }
}
