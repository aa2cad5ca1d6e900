package cn.yuhao.care.config;

import java.util.Map;

/**
 * FILE_STORE=local (default: sealed files under DATA_DIR/files) or s3, with S3_ENDPOINT, S3_BUCKET, S3_REGION,
 * S3_ACCESS_KEY and S3_SECRET_KEY for any S3-compatible object store.
 */
public record FileStoreConfig(
    String kind,
    String s3Endpoint,
    String s3Bucket,
    String s3Region,
    String s3AccessKey,
    String s3SecretKey) {

  public static FileStoreConfig parse(Map<String, String> env) {
    String kind = env.getOrDefault("FILE_STORE", "local").trim();
    if (kind.equals("local")) {
      return new FileStoreConfig("local", null, null, null, null, null);
    }
    if (!kind.equals("s3")) {
      throw new AppConfig.ConfigException("FILE_STORE must be local or s3, not '" + kind + "'");
    }
    String endpoint = required(env, "S3_ENDPOINT");
    if (!endpoint.matches("https?://[^\\s/]+/?")) {
      throw new AppConfig.ConfigException(
          "S3_ENDPOINT must be an http(s) URL like https://cos.ap-chongqing.myqcloud.com");
    }
    return new FileStoreConfig(
        "s3",
        endpoint,
        required(env, "S3_BUCKET"),
        env.getOrDefault("S3_REGION", "ap-chongqing").trim(),
        required(env, "S3_ACCESS_KEY"),
        required(env, "S3_SECRET_KEY"));
  }

  private static String required(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      throw new AppConfig.ConfigException(name + " is required when FILE_STORE=s3");
    }
    return v.trim();
  }

  @Override
  public String toString() {
    return "FileStoreConfig[" + kind + (s3Bucket == null ? "" : " " + s3Endpoint + " " + s3Bucket)
        + "]";
  }
}
