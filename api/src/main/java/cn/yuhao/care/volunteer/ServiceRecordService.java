package cn.yuhao.care.volunteer;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.RateLimiter;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.privacy.Masking;
import cn.yuhao.care.region.RegionService;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A volunteer's service record (her verified hours by year and kind, stars, the hours to the next) and the
 * 志愿服务记录证明 she prints from it. Each certificate is kept under a random 16-character number (80 bits: not
 * guessable, not counted); anyone may check one, seeing only the masked name, the hours and the dates.
 */
public final class ServiceRecordService {
  /** Crockford's base32: no I, L, O or U, so a number read off paper is typed back right. */
  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  private static final Pattern NUMBER = Pattern.compile("[0-9A-HJKMNP-TV-Z]{16}");
  private static final Map<String, String> KIND_LABELS = Map.of(
      "TRAINING", "欢唱团欢跑团训练",
      "PERFORMANCE", "演出",
      "RACE", "比赛",
      "PUBLIC_SERVICE", "公益服务",
      "CAMP", "营地活动",
      "CLAIM", "补录（经审核）",
      "CARE_VISIT", "当面关爱（经确认）",
      "ACTIVITY", "志愿活动（签到核验）",
      "OTHER", "其他");

  public record KindHours(String kind, String label, BigDecimal hours, int times) {}

  public record YearHours(int year, BigDecimal hours, List<KindHours> byKind) {}

  public record ServiceRecord(
      String volunteerId,
      String name,
      String districtCode,
      String street,
      String status,
      BigDecimal lifetimeHours,
      int stars,
      Integer nextStarHours,
      BigDecimal hoursToNextStar,
      BigDecimal pendingClaimHours,
      BigDecimal pendingVisitHours,
      LocalDate servedFrom,
      LocalDate servedTo,
      List<YearHours> years,
      List<ProfileService.Honour> honours) {}

  public record CertificateCheck(
      String number,
      String name,
      String districtName,
      BigDecimal hours,
      LocalDate servedFrom,
      LocalDate servedTo,
      LocalDate issuedOn,
      String issuer) {}

  private final Jdbi jdbi;
  private final FieldCipher cipher;
  private final RegionService regions;
  private final AuditLog audit;
  private final RateLimiter checksPerIp;
  private final String publicUrl;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ServiceRecordService(
      Jdbi jdbi,
      FieldCipher cipher,
      RegionService regions,
      AuditLog audit,
      RateLimiter checksPerIp,
      String publicUrl,
      Clock clock) {
    this.jdbi = jdbi;
    this.cipher = cipher;
    this.regions = regions;
    this.audit = audit;
    this.checksPerIp = checksPerIp;
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  public ServiceRecord record(Caller caller) {
    return jdbi.withHandle(h -> record(h, volunteer(h, caller)));
  }

  /** The certificate as a PDF: today's number again if her hours have not changed since, else a new one. */
  public byte[] certificate(Caller caller) {
    Instant now = clock.instant();
    LocalDate today = CarePeriods.day(now);
    Issued issued = jdbi.inTransaction(h -> {
      VolunteerRow v = volunteer(h, caller);
      ServiceRecord r = record(h, v);
      ServiceRecordDao dao = new ServiceRecordDao(h);
      ServiceRecordDao.Certificate c = dao.issuedToday(v.id(), today, r.lifetimeHours())
          .orElseGet(() -> {
            var fresh = new ServiceRecordDao.Certificate(
                newNumber(),
                v.id(),
                Masking.name(v.realName()),
                v.districtCode(),
                r.lifetimeHours(),
                r.servedFrom(),
                r.servedTo(),
                today);
            dao.insertCertificate(fresh, now);
            audit.record(
                h,
                caller,
                "certificate.issue",
                "certificate",
                fresh.number(),
                r.lifetimeHours() + " 小时");
            return fresh;
          });
      return new Issued(v, r, c);
    });
    // Rendered after the transaction: the PDF (font subsetting) needs no connection held.
    List<CertificateSheet.Row> rows = new ArrayList<>();
    for (YearHours y : issued.record().years()) {
      for (KindHours k : y.byKind()) {
        rows.add(new CertificateSheet.Row(y.year() + " 年", k.label(), k.times(), k.hours()));
      }
    }
    VolunteerRow v = issued.volunteer();
    String phone = Masking.phone(cipher.decrypt(v.phoneEnc(), "volunteers.phone"));
    String place = regions.districtName(v.districtCode()) + (v.street() == null ? "" : v.street());
    return CertificateSheet.render(
        v.realName(),
        phone,
        place,
        issued.certificate(),
        issued.record().stars(),
        rows,
        publicUrl + "/api/v1/certificates/" + issued.certificate().number());
  }

  private record Issued(
      VolunteerRow volunteer, ServiceRecord record, ServiceRecordDao.Certificate certificate) {}

  /** The public check of a certificate number, limited per client address; an unknown number is not found. */
  public CertificateCheck check(String number, String clientIp) {
    checksPerIp.acquire("certificate:" + clientIp);
    if (number == null || !NUMBER.matcher(number).matches()) {
      throw AppException.notFound("证明");
    }
    return jdbi.withHandle(h -> new ServiceRecordDao(h).certificate(number))
        .map(c -> new CertificateCheck(
            c.number(),
            c.nameMasked(),
            regions.districtName(c.districtCode()),
            c.hours(),
            c.servedFrom(),
            c.servedTo(),
            c.issuedOn(),
            "重庆市妇女联合会“渝好关爱”平台"))
        .orElseThrow(() -> AppException.notFound("证明"));
  }

  /** Her volunteer record, whatever its status now (an exited volunteer keeps her record); none: not found. */
  private static VolunteerRow volunteer(Handle h, Caller caller) {
    return new VolunteerDao(h)
        .findByUser(caller.userId())
        .filter(v -> !VolunteerStatus.PENDING.name().equals(v.status())
            && !VolunteerStatus.REJECTED.name().equals(v.status()))
        .orElseThrow(() -> AppException.notFound("志愿服务记录"));
  }

  private static ServiceRecord record(Handle h, VolunteerRow v) {
    ServiceRecordDao dao = new ServiceRecordDao(h);
    List<YearHours> years = new ArrayList<>();
    for (ServiceRecordDao.KindHours k : dao.byYearAndKind(v.id())) {
      if (years.isEmpty() || years.get(years.size() - 1).year() != k.year()) {
        years.add(new YearHours(k.year(), BigDecimal.ZERO.setScale(1), new ArrayList<>()));
      }
      YearHours y = years.remove(years.size() - 1);
      List<KindHours> kinds = new ArrayList<>(y.byKind());
      kinds.add(new KindHours(
          k.kind(), KIND_LABELS.getOrDefault(k.kind(), k.kind()), k.hours(), k.times()));
      years.add(new YearHours(y.year(), y.hours().add(k.hours()), kinds));
    }
    BigDecimal lifetime =
        years.stream().map(YearHours::hours).reduce(BigDecimal.ZERO.setScale(1), BigDecimal::add);
    int stars = Stars.of(lifetime);
    Integer next = Stars.hoursForNext(stars);
    ServiceRecordDao.Span span = dao.span(v.id());
    return new ServiceRecord(
        Long.toString(v.id()),
        v.realName(),
        v.districtCode(),
        v.street(),
        v.status(),
        lifetime,
        stars,
        next,
        next == null ? null : BigDecimal.valueOf(next).subtract(lifetime).setScale(1),
        dao.pendingClaimHours(v.id()),
        dao.pendingVisitHours(v.id()),
        span.from(),
        span.to(),
        years,
        ProfileService.honours(h, v.id()));
  }

  private String newNumber() {
    StringBuilder s = new StringBuilder(16);
    for (int i = 0; i < 16; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }
}
