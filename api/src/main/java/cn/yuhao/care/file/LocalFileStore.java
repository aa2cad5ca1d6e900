package cn.yuhao.care.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Sealed files under a directory (DATA_DIR/files); written to a temporary name, then moved into place. */
public final class LocalFileStore implements FileStore {
  private final Path root;

  public LocalFileStore(Path root) {
    this.root = root;
  }

  @Override
  public void put(String key, byte[] sealed) {
    Path target = resolve(key);
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".upload", ".tmp");
      Files.write(tmp, sealed);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store " + key, e);
    }
  }

  @Override
  public byte[] get(String key) {
    try {
      return Files.readAllBytes(resolve(key));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + key, e);
    }
  }

  @Override
  public void remove(String key) {
    try {
      Files.deleteIfExists(resolve(key));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + key, e);
    }
  }

  @Override
  public String kind() {
    return "local";
  }

  /** Keys are ours ("files/2026/12/<id>"); this refuses anything that would leave the root all the same. */
  private Path resolve(String key) {
    Path p = root.resolve(key).normalize();
    if (!p.startsWith(root) || !key.matches("[a-z]+(/[0-9A-Za-z]+)+")) {
      throw new IllegalArgumentException("bad file key " + key);
    }
    return p;
  }
}
