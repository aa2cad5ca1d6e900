package cn.yuhao.care.notify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yuhao.care.config.AppConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** miniapp-contract/subscribe-messages.md says what the service really sends: names, keys and pages. */
class SubscribeMessagesDocTest {
  private static final Path DOC = Path.of("..", "miniapp-contract", "subscribe-messages.md");

  @Test
  void the_document_lists_every_template_with_its_keys_and_page() throws IOException {
    List<String> documented = new ArrayList<>();
    for (String line : Files.readAllLines(DOC)) {
      String[] cells = line.split("\\|");
      if (cells.length < 5 || !cells[1].strip().matches("[A-Z_]+")) {
        continue;
      }
      String name = cells[1].strip();
      documented.add(name);
      TemplateCatalog.Template t = TemplateCatalog.ALL.get(name);
      assertThat(t).as(name + " is a template the service sends").isNotNull();
      assertThat(cells[2].strip()).as(name + " purpose").isEqualTo(t.purpose());
      assertThat(Arrays.stream(cells[3].split(",")).map(String::strip).toList())
          .as(name + " keys")
          .isEqualTo(t.keys());
      String page = t.query().isEmpty() ? t.page() : t.page() + "?" + String.join("&", t.query());
      assertThat(cells[4].strip()).as(name + " page").isEqualTo(page);
    }
    assertThat(documented).containsExactlyElementsOf(TemplateCatalog.ALL.keySet());
    assertThat(documented).containsExactlyElementsOf(AppConfig.TEMPLATE_NAMES);
  }

  @Test
  void a_message_that_does_not_match_its_template_is_refused() {
    var data = new java.util.HashMap<String, String>();
    for (String k : List.of("thing1", "phrase2", "time3", "thing4")) {
      data.put(k, "x");
    }
    TemplateCatalog.check("CONCERN_ALERT", "pages/admin/concern/index?id=1", data);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TemplateCatalog.check("CONCERN_ALERT", "pages/admin/other/index?id=1", data))
        .isInstanceOf(IllegalArgumentException.class);
    data.put("thing5", "y");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TemplateCatalog.check("CONCERN_ALERT", "pages/admin/concern/index?id=1", data))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
