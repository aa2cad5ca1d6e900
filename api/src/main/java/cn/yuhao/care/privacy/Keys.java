package cn.yuhao.care.privacy;

import cn.yuhao.care.config.AppConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The data keys (AES-256, by key id; the first is used to encrypt, all can decrypt, so keys rotate) and
 * the blind-index key (HMAC-SHA256). From DATA_KEY ("k2:base64,k1:base64") and INDEX_KEY (base64);
 * in development, generated once into DATA_DIR/keys.properties.
 */
public record Keys(String activeKeyId, Map<String, byte[]> dataKeys, byte[] indexKey) {

  public static Keys load(AppConfig config) {
    String data = config.dataKey();
    String index = config.indexKey();
    if (data == null || index == null) {
      if (config.production()) {
        throw new AppConfig.ConfigException("DATA_KEY and INDEX_KEY are required in production");
      }
      Properties generated = developmentKeys(config.dataDir().resolve("keys.properties"));
      data = data != null ? data : generated.getProperty("DATA_KEY");
      index = index != null ? index : generated.getProperty("INDEX_KEY");
    }
    return parse(data, index);
  }

  static Keys parse(String dataKey, String indexKey) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    String active = null;
    for (String part : dataKey.split(",")) {
      String[] idAndKey = part.trim().split(":", 2);
      if (idAndKey.length != 2 || !idAndKey[0].matches("[A-Za-z0-9]{1,8}")) {
        throw new AppConfig.ConfigException(
            "DATA_KEY must look like 'k1:<base64 of 32 bytes>[,k0:...]'");
      }
      byte[] key = decode32("DATA_KEY", idAndKey[1]);
      keys.put(idAndKey[0], key);
      if (active == null) {
        active = idAndKey[0];
      }
    }
    return new Keys(active, Map.copyOf(keys), decode32("INDEX_KEY", indexKey.trim()));
  }

  private static byte[] decode32(String name, String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new AppConfig.ConfigException(name + " is not valid base64");
    }
    if (key.length != 32) {
      throw new AppConfig.ConfigException(name + " must be 32 bytes (256 bits), base64 encoded");
    }
    return key;
  }

  private static Properties developmentKeys(Path file) {
    try {
      Properties p = new Properties();
      if (Files.exists(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          p.load(in);
        }
        return p;
      }
      SecureRandom random = new SecureRandom();
      p.setProperty("DATA_KEY", "dev1:" + Base64.getEncoder().encodeToString(randomBytes(random)));
      p.setProperty("INDEX_KEY", Base64.getEncoder().encodeToString(randomBytes(random)));
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        p.store(
            out,
            "development keys, generated once; production takes DATA_KEY and INDEX_KEY from the environment");
      }
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }

  private static byte[] randomBytes(SecureRandom random) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return b;
  }
}
