package cn.yuhao.care.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes to find a record by an encrypted value (ID number, phone) without decrypting the table.
 * The purpose is mixed in, so the index of a phone cannot be matched against the index of an ID number.
 */
public final class BlindIndex {
  private final SecretKeySpec key;

  public BlindIndex(Keys keys) {
    this.key = new SecretKeySpec(keys.indexKey(), "HmacSHA256");
  }

  public String of(String purpose, String normalizedValue) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(purpose.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return HexFormat.of()
          .formatHex(mac.doFinal(normalizedValue.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC unavailable", e);
    }
  }
}
