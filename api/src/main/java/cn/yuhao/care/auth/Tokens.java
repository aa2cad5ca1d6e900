package cn.yuhao.care.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Secret tokens (bearer tokens, agencies' one-time links and sessions): random bits, base64url; the database
 * keeps only their SHA-256.
 */
public final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

  private Tokens() {}

  static String newToken() {
    return random(32);
  }

  /** {@code bytes} random bytes, base64url without padding. */
  public static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static boolean wellFormed(String token) {
    return token != null && SHAPE.matcher(token).matches();
  }

  /** The SHA-256 of a token as 64 hex digits, for a char(64) column. */
  public static String hashHex(String token) {
    return java.util.HexFormat.of().formatHex(hash(token));
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
