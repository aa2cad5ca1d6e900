package cn.yuhao.care.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A 小程序码 scene that names a row and cannot be forged: the id in base 36, a dot, and 16 hex of its HMAC
 * (blind-index key, per purpose) — at most 30 characters, within WeChat's 32.
 */
public final class SignedScene {
  private final BlindIndex tags;
  private final String purpose;

  public SignedScene(BlindIndex tags, String purpose) {
    this.tags = tags;
    this.purpose = purpose;
  }

  public String of(long id) {
    return Long.toString(id, 36) + "." + tag(id);
  }

  /** The id a scene names when its tag is right, else -1 (callers answer "not found"). */
  public long idOf(String scene) {
    int dot = scene == null ? -1 : scene.indexOf('.');
    long id;
    try {
      id = dot > 0 ? Long.parseLong(scene.substring(0, dot), 36) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
    if (id < 0
        || !MessageDigest.isEqual(
            tag(id).getBytes(StandardCharsets.US_ASCII),
            scene.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
      return -1;
    }
    return id;
  }

  private String tag(long id) {
    return tags.of(purpose, Long.toString(id)).substring(0, 16);
  }
}
