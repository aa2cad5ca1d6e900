package cn.yuhao.care.merchant;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import cn.yuhao.care.db.Columns;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * SQL of merchants, their staff invitations and staff lists. Admin reads are scoped by the merchant's district.
 * The contact phone is stored encrypted; the service encrypts and decrypts it.
 */
final class MerchantDao {
  /** A merchant as stored, its contact phone still encrypted. */
  record Row(
      long id,
      String name,
      String category,
      String districtCode,
      String address,
      BigDecimal latitude,
      BigDecimal longitude,
      String contactName,
      String contactPhoneEnc,
      String status,
      Instant createdAt,
      Instant updatedAt) {}

  /** The fields a merchant is written with (trimmed, phone encrypted, geohash computed). */
  record Written(
      String name,
      String category,
      String address,
      BigDecimal latitude,
      BigDecimal longitude,
      String geohash,
      String contactName,
      String contactPhoneEnc,
      String status) {}

  /** An invitation with what accepting it needs of its merchant. */
  record Invitation(
      long merchantId,
      String merchantName,
      String merchantStatus,
      Instant expiresAt,
      Long usedBy) {}

  /** A staff member's grant, her phone still encrypted. */
  record StaffRow(long userId, String phoneEnc, Instant grantedAt) {}

  private static final String SELECT = """
      SELECT m.id, m.name, m.category, m.district_code, m.address, m.latitude, m.longitude, m.contact_name,
             m.contact_phone_enc, m.status, m.created_at, m.updated_at FROM merchants m""";

  private final Handle h;

  MerchantDao(Handle h) {
    this.h = h;
  }

  void insert(long id, String districtCode, Written f, long by, Instant now) {
    bind(h.createUpdate("""
            INSERT INTO merchants (id, name, category, district_code, address, latitude, longitude, geohash,
                                   contact_name, contact_phone_enc, status, created_by, created_at, updated_at)
            VALUES (:id, :name, :category, :d, :address, :latitude, :longitude, :geohash, :contactName,
                    :contactPhoneEnc, :status, :by, :now, :now)"""), f)
        .bind("id", id)
        .bind("d", districtCode)
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  void update(long id, Written f, Instant now) {
    bind(h.createUpdate("""
            UPDATE merchants SET name = :name, category = :category, address = :address, latitude = :latitude,
                   longitude = :longitude, geohash = :geohash, contact_name = :contactName,
                   contact_phone_enc = :contactPhoneEnc, status = :status, updated_at = :now
             WHERE id = :id"""), f).bind("id", id).bind("now", now).execute();
  }

  private static Update bind(Update u, Written f) {
    return u.bind("name", f.name())
        .bind("category", f.category())
        .bind("address", f.address())
        .bind("latitude", f.latitude())
        .bind("longitude", f.longitude())
        .bind("geohash", f.geohash())
        .bind("contactName", f.contactName())
        .bind("contactPhoneEnc", f.contactPhoneEnc())
        .bind("status", f.status());
  }

  /** Merchants in scope, filtered, newest first, before the cursor. */
  List<Row> list(Scope scope, String districtCode, String status, long before, int limit) {
    return ScopeFilter.apply(h.createQuery(SELECT + " " + """
             WHERE (:d IS NULL OR m.district_code = :d) AND (:s IS NULL OR m.status = :s) AND m.id < :before
               AND <scope>
             ORDER BY m.id DESC LIMIT :n"""), "m", scope)
        .bind("d", districtCode)
        .bind("s", status)
        .bind("before", before)
        .bind("n", limit)
        .map(MerchantDao::row)
        .list();
  }

  /** The merchant if it is in scope; locked when {@code lock}. */
  Optional<Row> find(long id, Scope scope, boolean lock) {
    return ScopeFilter.apply(
            h.createQuery(SELECT + " WHERE m.id = :id AND <scope>" + (lock ? " FOR UPDATE" : "")),
            "m",
            scope)
        .bind("id", id)
        .map(MerchantDao::row)
        .findOne();
  }

  private static Row row(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new Row(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("category"),
        rs.getString("district_code"),
        rs.getString("address"),
        rs.getBigDecimal("latitude"),
        rs.getBigDecimal("longitude"),
        rs.getString("contact_name"),
        rs.getString("contact_phone_enc"),
        rs.getString("status"),
        Columns.instant(rs, "created_at", ctx),
        Columns.instant(rs, "updated_at", ctx));
  }

  void insertInvite(long id, long merchantId, Instant expiresAt, long by, Instant now) {
    h.createUpdate("""
            INSERT INTO merchant_invites (id, merchant_id, expires_at, created_by, created_at)
            VALUES (:id, :m, :exp, :by, :now)""")
        .bind("id", id)
        .bind("m", merchantId)
        .bind("exp", expiresAt)
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  Optional<Invitation> inviteForUpdate(long id) {
    return h.createQuery("""
            SELECT i.merchant_id, m.name, m.status, i.expires_at, i.used_by
              FROM merchant_invites i JOIN merchants m ON m.id = i.merchant_id WHERE i.id = :id FOR UPDATE""")
        .bind("id", id)
        .map((rs, ctx) -> new Invitation(
            rs.getLong(1),
            rs.getString(2),
            rs.getString(3),
            Columns.instant(rs, "expires_at", ctx),
            rs.getObject("used_by", Long.class)))
        .findOne();
  }

  void useInvite(long id, long userId, Instant now) {
    h.createUpdate("UPDATE merchant_invites SET used_by = :u, used_at = :now WHERE id = :id")
        .bind("u", userId)
        .bind("now", now)
        .bind("id", id)
        .execute();
  }

  List<StaffRow> staff(long merchantId) {
    return h.createQuery("""
            SELECT g.user_id, u.phone_enc, g.granted_at FROM role_grants g JOIN users u ON u.id = g.user_id
             WHERE g.role = 'MERCHANT_STAFF' AND g.merchant_id = :m ORDER BY g.granted_at""")
        .bind("m", merchantId)
        .map((rs, ctx) ->
            new StaffRow(rs.getLong(1), rs.getString(2), Columns.instant(rs, "granted_at", ctx)))
        .list();
  }
}
