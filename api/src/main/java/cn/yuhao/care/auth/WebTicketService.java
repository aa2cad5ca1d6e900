package cn.yuhao.care.auth;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.WebTicketDao.Ticket;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.RateLimiter;
import cn.yuhao.care.wechat.WeChatGateway;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Scan-to-login (扫码登录) for the web dashboard: the page gets a one-time ticket shown as a 小程序码 and a poll
 * secret it keeps; an admin scans and confirms in the mini-program; the page's next poll receives a DASHBOARD
 * session (read-only) of the admin's, once. Tickets live 2 minutes; only hashes of ticket and secret are stored,
 * so neither a database reader nor someone who photographs the screen (who has the ticket, not the secret) can
 * take the session.
 */
public final class WebTicketService {
  static final Duration VALID_FOR = Duration.ofMinutes(2);
  static final Duration SESSION_FOR = Duration.ofHours(8);
  static final String PAGE = "pages/web-login/index";
  private static final Pattern TICKET = Pattern.compile("[A-Za-z0-9_-]{22}");

  public record Issued(
      String ticket, String pollSecret, String page, String qrCodePng, Instant expiresAt) {}

  public record Confirmed(String status, Instant sessionExpiresAt) {}

  public record Poll(String status, Instant expiresAt, String token, Instant tokenExpiresAt) {}

  private final Jdbi jdbi;
  private final WeChatGateway wechat;
  private final AuditLog audit;
  private final RateLimiter perIp;
  private final Clock clock;

  public WebTicketService(
      Jdbi jdbi, WeChatGateway wechat, AuditLog audit, RateLimiter perIp, Clock clock) {
    this.jdbi = jdbi;
    this.wechat = wechat;
    this.audit = audit;
    this.perIp = perIp;
    this.clock = clock;
  }

  /** A new ticket for a dashboard page; the 小程序码 is drawn first, so nothing is stored if WeChat fails. */
  public Issued issue(String clientIp) {
    perIp.acquire("web-ticket:" + clientIp);
    String ticket = Tokens.random(16);
    String secret = Tokens.newToken();
    byte[] png = wechat.unlimitedQrCode(ticket, PAGE);
    Instant now = clock.instant();
    Instant expires = now.plus(VALID_FOR);
    String ip = clientIp.length() > 45 ? clientIp.substring(0, 45) : clientIp;
    jdbi.useHandle(h ->
        new WebTicketDao(h).insert(Tokens.hash(ticket), Tokens.hash(secret), ip, now, expires));
    return new Issued(ticket, secret, PAGE, Base64.getEncoder().encodeToString(png), expires);
  }

  /** An admin (the route admits city and district admins) confirms the ticket she scanned. */
  public Confirmed confirm(Caller admin, String ticket) {
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      Ticket t = find(h, ticket).orElseThrow(() -> AppException.notFound("登录二维码"));
      if (!"PENDING".equals(t.status())) {
        throw new AppException(ErrorCode.WEB_TICKET_USED, "该登录二维码已被确认，请在大屏上刷新二维码");
      }
      if (!now.isBefore(t.expiresAt())) {
        throw new AppException(ErrorCode.WEB_TICKET_EXPIRED, "登录二维码已过期，请在大屏上刷新二维码");
      }
      new WebTicketDao(h).confirm(t.id(), admin.userId(), now);
      audit.record(h, admin, "web-ticket.confirm", "web-ticket", Long.toString(t.id()), "确认登录数据看板");
      return new Confirmed("CONFIRMED", now.plus(SESSION_FOR));
    });
  }

  /**
   * The page's poll: PENDING while waiting, EXPIRED after 2 minutes unconfirmed, LOGGED_IN with the token the one
   * time after confirmation, USED after. A wrong secret is answered as an unknown ticket.
   */
  public Poll poll(String ticket, String secret) {
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      Ticket t = find(h, ticket)
          .filter(x -> secret != null
              && Tokens.wellFormed(secret)
              && MessageDigest.isEqual(x.secretHash(), Tokens.hash(secret)))
          .orElseThrow(() -> AppException.notFound("登录二维码"));
      switch (t.status()) {
        case "PENDING" -> {
          return new Poll(
              now.isBefore(t.expiresAt()) ? "PENDING" : "EXPIRED", t.expiresAt(), null, null);
        }
        case "CONFIRMED" -> {
          // The session is handed over only while the ticket lives: a confirmed ticket picked up
          // later (a page
          // left open, a copied secret) gets nothing.
          if (!now.isBefore(t.expiresAt())) {
            return new Poll("EXPIRED", t.expiresAt(), null, null);
          }
          String token = Tokens.newToken();
          long session = Ids.next();
          Instant expires = now.plus(SESSION_FOR);
          new WebTicketDao(h)
              .exchange(t.id(), session, Tokens.hash(token), t.confirmedBy(), now, expires);
          return new Poll("LOGGED_IN", t.expiresAt(), token, expires);
        }
        default -> {
          return new Poll("USED", t.expiresAt(), null, null);
        }
      }
    });
  }

  private static Optional<WebTicketDao.Ticket> find(Handle h, String ticket) {
    if (ticket == null || !TICKET.matcher(ticket).matches()) {
      return Optional.empty();
    }
    return new WebTicketDao(h).forUpdate(Tokens.hash(ticket));
  }
}
