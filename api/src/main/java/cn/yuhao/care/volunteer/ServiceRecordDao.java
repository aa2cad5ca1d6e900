package cn.yuhao.care.volunteer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL of a volunteer's service record (her verified hours) and of the certificates issued from it. */
final class ServiceRecordDao {
  /** Verified hours of one year and kind: a session's kind, or CLAIM for approved claims. */
  record KindHours(int year, String kind, BigDecimal hours, int times) {}

  record Span(LocalDate from, LocalDate to) {}

  record Certificate(
      String number,
      long volunteerId,
      String nameMasked,
      String districtCode,
      BigDecimal hours,
      LocalDate servedFrom,
      LocalDate servedTo,
      LocalDate issuedOn) {}

  private final Handle h;

  ServiceRecordDao(Handle h) {
    this.h = h;
  }

  List<KindHours> byYearAndKind(long volunteerId) {
    return h.createQuery("""
            SELECT YEAR(sh.served_on) AS y,
                   CASE WHEN sh.business_key LIKE 'claim:%' THEN 'CLAIM'
                        WHEN sh.business_key LIKE 'visit:%' THEN 'CARE_VISIT'
                        WHEN sh.business_key LIKE 'activity:%' THEN 'ACTIVITY'
                        ELSE COALESCE(s.kind, 'OTHER') END AS source,
                   SUM(sh.hours) AS hours, COUNT(*) AS times
              FROM service_hours sh LEFT JOIN troupe_sessions s ON s.id = sh.session_id
             WHERE sh.volunteer_id = :v AND sh.verified
             GROUP BY y, source ORDER BY y, source""")
        .bind("v", volunteerId)
        .map((rs, ctx) -> new KindHours(
            rs.getInt("y"), rs.getString("source"), rs.getBigDecimal("hours"), rs.getInt("times")))
        .list();
  }

  Span span(long volunteerId) {
    return h.createQuery("""
            SELECT MIN(served_on), MAX(served_on) FROM service_hours WHERE volunteer_id = :v AND verified""")
        .bind("v", volunteerId)
        .map((rs, ctx) ->
            new Span(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)))
        .one();
  }

  BigDecimal pendingClaimHours(long volunteerId) {
    return h.createQuery(
            "SELECT COALESCE(SUM(hours), 0) FROM hour_claims WHERE volunteer_id = :v AND status = 'PENDING'")
        .bind("v", volunteerId)
        .mapTo(BigDecimal.class)
        .one();
  }

  BigDecimal pendingVisitHours(long volunteerId) {
    return h.createQuery(
            "SELECT COALESCE(SUM(hours), 0) FROM visit_hours WHERE volunteer_id = :v AND status = 'PENDING'")
        .bind("v", volunteerId)
        .mapTo(BigDecimal.class)
        .one();
  }

  void insertCertificate(Certificate c, Instant now) {
    h.createUpdate("""
            INSERT INTO certificates (number, volunteer_id, name_masked, district_code, hours, served_from, served_to,
                                      issued_on, created_at)
            VALUES (:number, :v, :name, :d, :hours, :from, :to, :issued, :now)""")
        .bind("number", c.number())
        .bind("v", c.volunteerId())
        .bind("name", c.nameMasked())
        .bind("d", c.districtCode())
        .bind("hours", c.hours())
        .bind("from", c.servedFrom())
        .bind("to", c.servedTo())
        .bind("issued", c.issuedOn())
        .bind("now", now)
        .execute();
  }

  /** Her certificate of the day for these hours, if she downloaded one already (the same number again). */
  Optional<Certificate> issuedToday(long volunteerId, LocalDate day, BigDecimal hours) {
    return h.createQuery(
            "SELECT * FROM certificates WHERE volunteer_id = :v AND issued_on = :day AND hours = :hours LIMIT 1")
        .bind("v", volunteerId)
        .bind("day", day)
        .bind("hours", hours)
        .map((rs, ctx) -> certificate(rs))
        .findOne();
  }

  Optional<Certificate> certificate(String number) {
    return h.createQuery("SELECT * FROM certificates WHERE number = :n")
        .bind("n", number)
        .map((rs, ctx) -> certificate(rs))
        .findOne();
  }

  private static Certificate certificate(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Certificate(
        rs.getString("number"),
        rs.getLong("volunteer_id"),
        rs.getString("name_masked"),
        rs.getString("district_code"),
        rs.getBigDecimal("hours"),
        rs.getObject("served_from", LocalDate.class),
        rs.getObject("served_to", LocalDate.class),
        rs.getObject("issued_on", LocalDate.class));
  }
}
