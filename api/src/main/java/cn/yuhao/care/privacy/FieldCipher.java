package cn.yuhao.care.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for sensitive columns. Stored form: {@code keyId:base64url(iv || ciphertext+tag)}. The column
 * name is the associated data, so a value copied into another column does not decrypt.
 */
public final class FieldCipher {
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Keys keys;
  private final SecureRandom random = new SecureRandom();

  public FieldCipher(Keys keys) {
    this.keys = keys;
  }

  public String encrypt(String plaintext, String column) {
    if (plaintext == null) {
      return null;
    }
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(keys.dataKeys().get(keys.activeKeyId()), "AES"),
          new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(column.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out =
          ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
      return keys.activeKeyId() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  public String decrypt(String stored, String column) {
    if (stored == null) {
      return null;
    }
    int colon = stored.indexOf(':');
    byte[] key = colon > 0 ? keys.dataKeys().get(stored.substring(0, colon)) : null;
    if (key == null) {
      throw new IllegalStateException("no data key for a stored value of " + column);
    }
    try {
      byte[] all = Base64.getUrlDecoder().decode(stored.substring(colon + 1));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      cipher.updateAAD(column.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("a stored value of " + column + " does not decrypt", e);
    }
  }

  /**
   * Seals bytes (a stored file) as {@code len(keyId) || keyId || iv || ciphertext+tag}; {@code context} is the
   * associated data, so sealed bytes moved under another name do not open.
   */
  public byte[] seal(byte[] plain, String context) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      byte[] keyId = keys.activeKeyId().getBytes(StandardCharsets.US_ASCII);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(keys.dataKeys().get(keys.activeKeyId()), "AES"),
          new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain);
      return ByteBuffer.allocate(1 + keyId.length + iv.length + sealed.length)
          .put((byte) keyId.length)
          .put(keyId)
          .put(iv)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  public byte[] open(byte[] sealed, String context) {
    int idLength = sealed.length == 0 ? 0 : sealed[0];
    if (idLength < 1 || sealed.length < 1 + idLength + IV_BYTES) {
      throw new IllegalStateException("sealed bytes of " + context + " are malformed");
    }
    String keyId = new String(sealed, 1, idLength, StandardCharsets.US_ASCII);
    byte[] key = keys.dataKeys().get(keyId);
    if (key == null) {
      throw new IllegalStateException("no data key " + keyId + " for " + context);
    }
    int ivAt = 1 + idLength;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, sealed, ivAt, IV_BYTES));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(sealed, ivAt + IV_BYTES, sealed.length - ivAt - IV_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealed bytes of " + context + " do not open", e);
    }
  }

  /** Whether a stored value was sealed with an older key and should be re-encrypted. */
  public boolean needsRotation(String stored) {
    return stored != null && !stored.startsWith(keys.activeKeyId() + ":");
  }
}
