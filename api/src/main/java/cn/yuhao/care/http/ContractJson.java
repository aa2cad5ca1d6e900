package cn.yuhao.care.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The build's step (exec-maven-plugin, process-classes) that writes the contract again as JSON beside the YAML. The
 * service reads the JSON at start-up: the same tree, parsed in a twentieth of the YAML's time, which was the largest
 * single cost of start-up after class loading.
 */
public final class ContractJson {
  static final String RESOURCE = "/contract/openapi.json";

  private ContractJson() {}

  /** {@code args[0]}: the classes directory the JSON is written into. */
  public static void main(String[] args) throws IOException {
    try (InputStream in = ContractJson.class.getResourceAsStream("/contract/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("contract/openapi.yaml is missing from the classpath");
      }
      Path out = Path.of(args[0], RESOURCE.substring(1));
      Files.createDirectories(out.getParent());
      new ObjectMapper().writeValue(out.toFile(), new ObjectMapper(new YAMLFactory()).readTree(in));
    }
  }
}
