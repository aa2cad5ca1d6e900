package cn.yuhao.care.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A short-lived code shown on an organiser's phone: what it opens (an id), when it expires and a random nonce,
 * signed with an HMAC (blind-index key, per purpose). Whoever scans it cannot change any part of it; the caller
 * makes each nonce work once per user.
 */
public final class RotatingCode {
  public record Parsed(long id, Instant expiresAt, String nonce) {}

  private final BlindIndex hmac;
  private final String purpose;
  private final SecureRandom random = new SecureRandom();

  public RotatingCode(BlindIndex hmac, String purpose) {
    this.hmac = hmac;
    this.purpose = purpose;
  }

  public String issue(long id, Instant expiresAt) {
    byte[] n = new byte[8];
    random.nextBytes(n);
    String body = Long.toString(id, 36) + "." + Long.toString(expiresAt.getEpochSecond(), 36) + "."
        + HexFormat.of().formatHex(n);
    return body + "." + mac(body);
  }

  /** The code's id, expiry and nonce if its signature holds; empty for anything else. */
  public Optional<Parsed> parse(String code) {
    if (code == null || code.length() > 80) {
      return Optional.empty();
    }
    String[] p = code.split("\\.");
    if (p.length != 4) {
      return Optional.empty();
    }
    String body = p[0] + "." + p[1] + "." + p[2];
    if (!MessageDigest.isEqual(
        mac(body).getBytes(StandardCharsets.US_ASCII), p[3].getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Parsed(
          Long.parseLong(p[0], 36), Instant.ofEpochSecond(Long.parseLong(p[1], 36)), p[2]));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private String mac(String body) {
    return hmac.of(purpose, body).substring(0, 24);
  }
}
