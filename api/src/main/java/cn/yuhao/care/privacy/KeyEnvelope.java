package cn.yuhao.care.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys a backup may carry, sealed with a passphrase (PBKDF2-HMAC-SHA256, 310 000 rounds, then AES-256-GCM):
 * a backup with its keys beside it in the clear would be a leak of everything they seal.
 */
public final class KeyEnvelope {
  private static final int ROUNDS = 310_000;

  private KeyEnvelope() {}

  /** The keys as the environment gives them: {@code DATA_KEY=…} and {@code INDEX_KEY=…} lines. */
  public static String text(Keys keys) {
    String data = keys.dataKeys().entrySet().stream()
        .sorted((a, b) -> a.getKey().equals(keys.activeKeyId())
            ? -1
            : b.getKey().equals(keys.activeKeyId()) ? 1 : 0)
        .map(e -> e.getKey() + ":" + Base64.getEncoder().encodeToString(e.getValue()))
        .collect(Collectors.joining(","));
    return "DATA_KEY=" + data + "\nINDEX_KEY=" + Base64.getEncoder().encodeToString(keys.indexKey())
        + "\n";
  }

  public static byte[] seal(String text, char[] passphrase) {
    SecureRandom random = new SecureRandom();
    byte[] salt = new byte[16];
    byte[] iv = new byte[12];
    random.nextBytes(salt);
    random.nextBytes(iv);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key(passphrase, salt), new GCMParameterSpec(128, iv));
      byte[] sealed = c.doFinal(text.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(salt.length + iv.length + sealed.length)
          .put(salt)
          .put(iv)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text, or an exception when the passphrase is wrong (GCM authenticates). */
  public static String open(byte[] sealed, char[] passphrase) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          key(passphrase, java.util.Arrays.copyOfRange(sealed, 0, 16)),
          new GCMParameterSpec(128, sealed, 16, 12));
      return new String(c.doFinal(sealed, 28, sealed.length - 28), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the passphrase does not open these keys", e);
    }
  }

  private static SecretKeySpec key(char[] passphrase, byte[] salt) throws GeneralSecurityException {
    byte[] k = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
        .generateSecret(new PBEKeySpec(passphrase, salt, ROUNDS, 256))
        .getEncoded();
    return new SecretKeySpec(k, "AES");
  }
}
