package cn.yuhao.care.file;

/**
 * Where sealed file bytes live: {@link LocalFileStore} (files under DATA_DIR) or {@link S3FileStore} (any
 * S3-compatible bucket). The store sees only ciphertext; sealing and opening are {@link FileService}'s.
 */
public interface FileStore {
  void put(String key, byte[] sealed);

  /** The bytes under {@code key}; an {@link java.io.UncheckedIOException} when they are missing. */
  byte[] get(String key);

  /** Removes an upload that was never attached; attached files are never removed. */
  void remove(String key);

  /** A short name for logs and /ready: "local" or "s3". */
  String kind();
}
