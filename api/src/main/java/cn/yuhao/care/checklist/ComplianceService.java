package cn.yuhao.care.checklist;

import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.privacy.Masking;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * 6+1 compliance for supervision (督导): of the periods owed whose due date fell in the window and has passed,
 * how many were done on time, done late, or missed — in total, by item, by street, by volunteer and (for the
 * city) by district; plus, among active pairings, the items overdue now and the children not contacted for
 * two weeks or more. Computed from the records with the same {@link CareChecklist} the volunteers see, so the
 * two can never disagree.
 */
public final class ComplianceService {
  static final int NO_CONTACT_DAYS = 14;
  private static final int LIST_LIMIT = 200;
  private static final Pattern PERIOD =
      Pattern.compile("(\\d{4})(?:-(\\d{2})|-(SPRING|AUTUMN)|-W(\\d{2}))?");

  public record Counts(int owed, int onTime, int late, int missed, Double share) {}

  public record ItemCounts(String item, String label, Counts counts) {}

  public record DistrictRow(String districtCode, int pairings, Counts counts) {}

  public record StreetRow(
      String districtCode, String street, int pairings, Counts counts, List<ItemCounts> byItem) {}

  public record VolunteerRow(
      String volunteerId,
      String name,
      String districtCode,
      String street,
      int pairings,
      Counts counts) {}

  public record Overdue(
      String pairingId,
      String childName,
      String volunteerName,
      String districtCode,
      String street,
      String item,
      String period,
      LocalDate dueDate,
      int daysOverdue) {}

  public record NoContact(
      String pairingId,
      String childName,
      String volunteerName,
      String districtCode,
      String street,
      long daysWithoutContact) {}

  public record Compliance(
      String period,
      LocalDate from,
      LocalDate to,
      int pairings,
      Counts total,
      List<ItemCounts> byItem,
      List<DistrictRow> byDistrict,
      List<StreetRow> byStreet,
      List<VolunteerRow> byVolunteer,
      List<Overdue> overdue,
      List<NoContact> noContact,
      DirectorService.Figures childDirectors) {

    Compliance withDirectors(DirectorService.Figures f) {
      return new Compliance(
          period,
          from,
          to,
          pairings,
          total,
          byItem,
          byDistrict,
          byStreet,
          byVolunteer,
          overdue,
          noContact,
          f);
    }

    /** As an evaluator reads it: children's and volunteers' names masked. */
    Compliance masked() {
      return new Compliance(
          period,
          from,
          to,
          pairings,
          total,
          byItem,
          byDistrict,
          byStreet,
          byVolunteer.stream()
              .map(v -> new VolunteerRow(
                  v.volunteerId(),
                  Masking.name(v.name()),
                  v.districtCode(),
                  v.street(),
                  v.pairings(),
                  v.counts()))
              .toList(),
          overdue.stream()
              .map(o -> new Overdue(
                  o.pairingId(),
                  Masking.name(o.childName()),
                  Masking.name(o.volunteerName()),
                  o.districtCode(),
                  o.street(),
                  o.item(),
                  o.period(),
                  o.dueDate(),
                  o.daysOverdue()))
              .toList(),
          noContact.stream()
              .map(n -> new NoContact(
                  n.pairingId(),
                  Masking.name(n.childName()),
                  Masking.name(n.volunteerName()),
                  n.districtCode(),
                  n.street(),
                  n.daysWithoutContact()))
              .toList(),
          childDirectors);
    }
  }

  private final Jdbi jdbi;
  private final CarePeriods periods;
  private final CareChecklist checklist;
  private final Clock clock;

  public ComplianceService(Jdbi jdbi, CarePeriods periods, Clock clock) {
    this.jdbi = jdbi;
    this.periods = periods;
    this.checklist = new CareChecklist(periods);
    this.clock = clock;
  }

  /** The window a period names: a year (2026), a month (2026-11), a semester (2026-AUTUMN) or an ISO week. */
  CarePeriods.Period window(String raw) {
    LocalDate today = CarePeriods.day(clock.instant());
    if (raw == null) {
      return periods.of(CareItem.Cadence.MONTH, today);
    }
    Matcher m = PERIOD.matcher(raw);
    if (m.matches()) {
      int y = Integer.parseInt(m.group(1));
      try {
        if (m.group(2) != null) {
          return periods.of(
              CareItem.Cadence.MONTH, LocalDate.of(y, Integer.parseInt(m.group(2)), 1));
        }
        if (m.group(3) != null) {
          LocalDate start = "SPRING".equals(m.group(3))
              ? periods.rules().springStart().atYear(y)
              : periods.rules().autumnStart().atYear(y);
          return periods.of(CareItem.Cadence.SEMESTER, start);
        }
        if (m.group(4) != null) {
          LocalDate monday = LocalDate.of(y, 1, 4)
              .with(
                  java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR,
                  Integer.parseInt(m.group(4)));
          CarePeriods.Period w = periods.of(CareItem.Cadence.WEEK, monday);
          if (w.key().equals(raw)) {
            return w;
          }
        } else {
          return periods.of(CareItem.Cadence.YEAR, LocalDate.of(y, 1, 1));
        }
      } catch (java.time.DateTimeException e) {
        // reported below
      }
    }
    throw AppException.invalid("period", "统计期应为年（2026）、月（2026-11）、学期（2026-AUTUMN）或周（2026-W47）");
  }

  public Compliance compliance(
      Caller caller, String districtCode, String street, String rawPeriod) {
    CarePeriods.Period window = window(rawPeriod);
    Instant now = clock.instant();
    LocalDate today = CarePeriods.day(now);
    Instant from = window.start().atStartOfDay(CarePeriods.CHONGQING).toInstant();
    Instant to = window.end().atStartOfDay(CarePeriods.CHONGQING).toInstant();
    return jdbi.withHandle(h -> {
      CareDao dao = new CareDao(h);
      // Overdue items and missing contact are about now, so active pairings are read even if the
      // window is old.
      List<CareDao.PairingRef> pairings = dao.checklistPairings(
          caller.adminScope(),
          districtCode,
          street,
          from.isBefore(now) ? from : now,
          to.isAfter(now) ? to : now.plusMillis(1));
      Map<Long, List<CareChecklist.RecordRef>> refs = new HashMap<>();
      for (CareDao.PairingRecordRef r :
          dao.refs(pairings.stream().map(CareDao.PairingRef::id).toList())) {
        refs.computeIfAbsent(r.pairingId(), k -> new ArrayList<>()).add(r.ref());
      }
      Rollup r = new Rollup(window, today);
      for (CareDao.PairingRef p : pairings) {
        r.add(p, refs.getOrDefault(p.id(), List.of()), now);
      }
      // The child directors' monthly contacts and quarterly visits, beside the volunteers' 6+1.
      Compliance c = r.compliance(pairings.size(), caller.adminScope().all())
          .withDirectors(
              DirectorService.figures(h, caller.adminScope(), districtCode, street, now));
      return caller.evaluating() ? c.masked() : c;
    });
  }

  /** The checklist's tallies over a set of pairings: in total, by district, street and volunteer. */
  private final class Rollup {
    private final CarePeriods.Period window;
    private final LocalDate today;
    private final Tally total = new Tally();
    private final Map<String, Tally> byDistrict = new TreeMap<>();
    private final Map<String, Tally> byStreet = new TreeMap<>();
    private final Map<Long, Tally> byVolunteer = new LinkedHashMap<>();
    private final Map<Long, CareDao.PairingRef> volunteerPlace = new HashMap<>();
    private final List<Overdue> overdue = new ArrayList<>();
    private final List<NoContact> noContact = new ArrayList<>();

    Rollup(CarePeriods.Period window, LocalDate today) {
      this.window = window;
      this.today = today;
    }

    void add(CareDao.PairingRef p, List<CareChecklist.RecordRef> mine, Instant now) {
      for (CareChecklist.ItemStatus is :
          checklist.items(p.startedAt(), p.endedAt(), now, mine, Integer.MAX_VALUE)) {
        CareItem item = CareItem.valueOf(is.item());
        if (item.cadence() != CareItem.Cadence.CONTINUOUS) {
          periods(p, item, is);
        }
      }
      if ("ACTIVE".equals(p.status())) {
        long days = CareChecklist.daysWithoutContact(p.startedAt(), mine, now);
        if (days >= NO_CONTACT_DAYS) {
          noContact.add(new NoContact(
              Long.toString(p.id()),
              p.childName(),
              p.volunteerName(),
              p.districtCode(),
              p.street(),
              days));
        }
      }
    }

    /** The item's periods: the latest closed one if overdue, and every one due in the window, counted. */
    private void periods(CareDao.PairingRef p, CareItem item, CareChecklist.ItemStatus is) {
      boolean latestClosedSeen = false;
      for (CareChecklist.PeriodStatus s : is.history()) {
        boolean closed = s.dueDate().isBefore(today);
        if ("ACTIVE".equals(p.status())
            && closed
            && !latestClosedSeen
            && !"NOT_OWED".equals(s.status())) {
          latestClosedSeen = true;
          if ("OVERDUE".equals(s.status())) {
            overdue.add(new Overdue(
                Long.toString(p.id()),
                p.childName(),
                p.volunteerName(),
                p.districtCode(),
                p.street(),
                item.name(),
                s.period(),
                s.dueDate(),
                s.daysOverdue()));
          }
        }
        if (!closed || "NOT_OWED".equals(s.status()) || !window.contains(s.dueDate())) {
          continue;
        }
        total.add(p.id(), item, s, true);
        byDistrict.computeIfAbsent(p.districtCode(), k -> new Tally()).add(p.id(), item, s, false);
        byStreet
            .computeIfAbsent(
                p.districtCode() + "|" + (p.street() == null ? "" : p.street()), k -> new Tally())
            .add(p.id(), item, s, true);
        if (p.volunteerId() != null) {
          byVolunteer
              .computeIfAbsent(p.volunteerId(), k -> new Tally())
              .add(p.id(), item, s, false);
          volunteerPlace.putIfAbsent(p.volunteerId(), p);
        }
      }
    }

    Compliance compliance(int pairingCount, boolean cityWide) {
      overdue.sort(Comparator.comparingInt(Overdue::daysOverdue).reversed());
      noContact.sort(Comparator.comparingLong(NoContact::daysWithoutContact).reversed());
      List<DistrictRow> districts = cityWide
          ? byDistrict.entrySet().stream()
              .map(e -> new DistrictRow(
                  e.getKey(), e.getValue().pairings.size(), e.getValue().counts()))
              .toList()
          : List.of();
      List<StreetRow> streets = byStreet.entrySet().stream()
          .map(e -> {
            String[] k = e.getKey().split("\\|", -1);
            return new StreetRow(
                k[0],
                k[1].isEmpty() ? null : k[1],
                e.getValue().pairings.size(),
                e.getValue().counts(),
                e.getValue().items());
          })
          .toList();
      List<VolunteerRow> volunteers = byVolunteer.entrySet().stream()
          .map(e -> {
            CareDao.PairingRef p = volunteerPlace.get(e.getKey());
            return new VolunteerRow(
                Long.toString(e.getKey()),
                p.volunteerName(),
                p.districtCode(),
                p.street(),
                e.getValue().pairings.size(),
                e.getValue().counts());
          })
          .sorted(Comparator.comparing(
              (VolunteerRow v) -> v.counts().share() == null ? 2.0 : v.counts().share()))
          .limit(LIST_LIMIT)
          .toList();
      return new Compliance(
          window.key(),
          window.start(),
          window.dueDate(),
          pairingCount,
          total.counts(),
          total.items(),
          districts,
          streets,
          volunteers,
          overdue.stream().limit(LIST_LIMIT).toList(),
          noContact.stream().limit(LIST_LIMIT).toList(),
          null);
    }
  }
}
