package cn.yuhao.care.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yuhao.care.App;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {
  @Test
  void defaults_are_development_with_embedded_db_and_simulator() {
    AppConfig c = AppConfig.fromEnv(Map.of());
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.useEmbeddedDb()).isTrue();
    assertThat(c.useSimulator()).isTrue();
    assertThat(c.productionProblems()).isEmpty();
    assertThat(c.dataDir().toString()).endsWith("data");
  }

  @Test
  void production_refuses_the_simulator_missing_keys_and_the_embedded_db() {
    AppConfig c = AppConfig.fromEnv(Map.of("APP_ENV", "production"));
    assertThat(c.productionProblems()).hasSize(5);
    assertThatThrownBy(() -> App.start(c, Clock.systemUTC()))
        .isInstanceOf(AppConfig.ConfigException.class)
        .hasMessageContaining("WECHAT_APPID");
    AppConfig ok = AppConfig.fromEnv(Map.of(
        "APP_ENV",
        "production",
        "WECHAT_APPID",
        "wx1",
        "WECHAT_SECRET",
        "s",
        "DATA_KEY",
        "k1:x",
        "INDEX_KEY",
        "y",
        "DB_URL",
        "jdbc:mysql://db/yuhao",
        "PUBLIC_BASE_URL",
        "https://care.example.cn/"));
    assertThat(ok.productionProblems()).isEmpty();
    assertThat(ok.publicUrl()).isEqualTo("https://care.example.cn");
  }

  @Test
  void bad_values_are_named() {
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("PORT", "eighty")))
        .isInstanceOf(AppConfig.ConfigException.class)
        .hasMessageContaining("PORT");
    assertThatThrownBy(
            () -> AppConfig.fromEnv(Map.of("PRE_SERVICE_REQUIRED_DISTRICTS", "500106,shapingba")))
        .isInstanceOf(AppConfig.ConfigException.class)
        .hasMessageContaining("PRE_SERVICE_REQUIRED_DISTRICTS");
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("SERVICE_DAY_CAP_HOURS", "30")))
        .isInstanceOf(AppConfig.ConfigException.class)
        .hasMessageContaining("SERVICE_DAY_CAP_HOURS");
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("PUBLIC_BASE_URL", "care.example.cn")))
        .isInstanceOf(AppConfig.ConfigException.class)
        .hasMessageContaining("PUBLIC_BASE_URL");
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("APP_ENV", "prod")))
        .isInstanceOf(AppConfig.ConfigException.class)
        .hasMessageContaining("APP_ENV");
  }

  @Test
  void bootstrap_admins_are_a_trimmed_list() {
    assertThat(AppConfig.fromEnv(Map.of("BOOTSTRAP_ADMIN_OPENIDS", " dev_admin, ,o2 "))
            .bootstrapAdminOpenIds())
        .containsExactly("dev_admin", "o2");
  }
}
