package cn.yuhao.care.auth;

import cn.yuhao.care.db.Columns;
import cn.yuhao.care.db.Ids;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL of the dashboard's QR login tickets and the dashboard sessions they turn into. */
final class WebTicketDao {
  /** A ticket, read locked. */
  record Ticket(long id, byte[] secretHash, String status, Instant expiresAt, Long confirmedBy) {}

  private final Handle h;

  WebTicketDao(Handle h) {
    this.h = h;
  }

  void insert(byte[] ticketHash, byte[] secretHash, String clientIp, Instant now, Instant expires) {
    h.createUpdate("""
            INSERT INTO web_tickets (id, ticket_hash, secret_hash, status, client_ip, created_at, expires_at)
            VALUES (:id, :t, :s, 'PENDING', :ip, :now, :exp)""")
        .bind("id", Ids.next())
        .bind("t", ticketHash)
        .bind("s", secretHash)
        .bind("ip", clientIp)
        .bind("now", now)
        .bind("exp", expires)
        .execute();
  }

  Optional<Ticket> forUpdate(byte[] ticketHash) {
    return h.createQuery("""
            SELECT id, secret_hash, status, expires_at, confirmed_by FROM web_tickets WHERE ticket_hash = :t FOR UPDATE""")
        .bind("t", ticketHash)
        .map((rs, ctx) -> new Ticket(
            rs.getLong(1),
            rs.getBytes(2),
            rs.getString(3),
            Columns.instant(rs, "expires_at", ctx),
            rs.getObject(5, Long.class)))
        .findOne();
  }

  void confirm(long id, long userId, Instant now) {
    h.createUpdate(
            "UPDATE web_tickets SET status = 'CONFIRMED', confirmed_by = :u, confirmed_at = :now WHERE id = :id")
        .bind("u", userId)
        .bind("now", now)
        .bind("id", id)
        .execute();
  }

  /** Opens the dashboard session the confirmed ticket is exchanged for, and marks the ticket used. */
  void exchange(
      long ticketId, long sessionId, byte[] tokenHash, long userId, Instant now, Instant expires) {
    h.createUpdate("""
            INSERT INTO login_sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, purpose)
            VALUES (:id, :hash, :u, :now, :now, :exp, 'DASHBOARD')""")
        .bind("id", sessionId)
        .bind("hash", tokenHash)
        .bind("u", userId)
        .bind("now", now)
        .bind("exp", expires)
        .execute();
    h.createUpdate(
            "UPDATE web_tickets SET status = 'USED', session_id = :s, used_at = :now WHERE id = :id")
        .bind("s", sessionId)
        .bind("now", now)
        .bind("id", ticketId)
        .execute();
  }
}
