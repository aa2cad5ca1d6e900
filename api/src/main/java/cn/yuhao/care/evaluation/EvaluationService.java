package cn.yuhao.care.evaluation;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.auth.Role;
import cn.yuhao.care.auth.RoleGrant;
import cn.yuhao.care.checklist.CarePeriods;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.privacy.Masking;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The evaluator's sample of child files (一人一档 抽查): up to {@link #SIZE} of a district's children, the same ones
 * for the whole evaluation period (ordered by a hash keyed with her grant), each with the name masked, the age
 * instead of the birth date, no identity number, school, address, guardian or location, and what the programme
 * did for the child over the last year.
 */
public final class EvaluationService {
  static final int SIZE = 20;

  public record SampledChild(
      int sampleNo,
      String name,
      String gender,
      int age,
      String street,
      String category,
      List<String> needs,
      String careLevel,
      boolean paired,
      String pairingMode,
      LocalDate pairedSince,
      int careRecordsLastYear,
      Map<String, Integer> careByKind,
      LocalDate lastContactOn,
      int troupes,
      int reportsLastYear) {}

  public record ChildSample(
      String districtCode, int population, int sampleSize, List<SampledChild> items) {}

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;

  public EvaluationService(Jdbi jdbi, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  public ChildSample childSample(Caller evaluator, String districtCode) {
    if (districtCode == null) {
      throw AppException.invalid("districtCode", "请选择区县");
    }
    RoleGrant grant = evaluator.grants().stream()
        .filter(g -> g.role() == Role.EVALUATOR && districtCode.equals(g.districtCode()))
        .findFirst()
        .orElseThrow(() -> AppException.notFound("区县"));
    Instant now = clock.instant();
    LocalDate today = CarePeriods.day(now);
    Instant since = now.minus(Duration.ofDays(365));
    return jdbi.inTransaction(h -> {
      EvaluationDao dao = new EvaluationDao(h);
      List<EvaluationDao.SampledRow> rows =
          dao.sample(districtCode, Long.toString(grant.id()), since, SIZE);
      Map<Long, Map<String, Integer>> byKind = new LinkedHashMap<>();
      for (EvaluationDao.KindCount k :
          dao.careByKind(rows.stream().map(EvaluationDao.SampledRow::id).toList(), since)) {
        byKind.computeIfAbsent(k.childId(), x -> new LinkedHashMap<>()).put(k.kind(), k.n());
      }
      audit.record(
          h,
          evaluator,
          "evaluation.child-sample.read",
          "district",
          districtCode,
          rows.size() + " 份："
              + String.join(",", rows.stream().map(r -> Long.toString(r.id())).toList()));
      List<SampledChild> items = new ArrayList<>();
      for (EvaluationDao.SampledRow r : rows) {
        items.add(new SampledChild(
            items.size() + 1,
            Masking.name(r.name()),
            r.gender(),
            Period.between(r.birthDate(), today).getYears(),
            r.street(),
            r.category(),
            r.needs().isBlank() ? List.of() : Arrays.asList(r.needs().split(",")),
            r.careLevel(),
            r.pairingMode() != null,
            r.pairingMode(),
            r.pairedSince() == null ? null : CarePeriods.day(r.pairedSince()),
            r.careRecords(),
            byKind.getOrDefault(r.id(), Map.of()),
            r.lastContact() == null ? null : CarePeriods.day(r.lastContact()),
            r.troupes(),
            r.reports()));
      }
      return new ChildSample(districtCode, dao.population(districtCode), items.size(), items);
    });
  }
}
