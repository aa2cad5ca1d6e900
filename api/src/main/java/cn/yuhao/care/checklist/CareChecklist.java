package cn.yuhao.care.checklist;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of a pairing's "6+1" items, computed from its records: pure, so the period rules are tested
 * at their edges without a database, and the same code answers a volunteer's task list and the compliance
 * figures. A period is DONE when a record of its item occurred in it (on time when logged no later than the
 * grace days after the period), DUE while it runs, OVERDUE once it has ended undone, and NOT_OWED when the
 * pairing started too late in it or ended before it was over.
 */
public final class CareChecklist {
  /** How many periods of one item the history shows, newest first (a year of weeks). */
  static final int HISTORY_LIMIT = 53;
  /** Record kinds that are contact with the child herself (not only with the guardian). */
  static final Set<String> CHILD_CONTACT = Set.of(
      "CONTACT_CHILD", "PARENT_CHILD_ACTIVITY", "FESTIVAL", "READING", "LAW_SAFETY", "FREE_VISIT");

  public record RecordRef(long id, String kind, Instant occurredAt, Instant createdAt) {}

  public record PeriodStatus(
      String period,
      LocalDate start,
      LocalDate dueDate,
      String status,
      Boolean onTime,
      String recordId,
      Integer daysOverdue) {}

  public record ItemStatus(
      String item,
      String label,
      String cadence,
      PeriodStatus current,
      List<PeriodStatus> history,
      int count,
      Instant lastAt) {}

  private final CarePeriods periods;

  public CareChecklist(CarePeriods periods) {
    this.periods = periods;
  }

  /** Every item's current period and history for a pairing started at {@code start} (and ended at {@code end}). */
  public List<ItemStatus> items(Instant start, Instant end, Instant now, List<RecordRef> records) {
    return items(start, end, now, records, HISTORY_LIMIT);
  }

  /** As {@link #items}, keeping up to {@code historyLimit} periods of each item. */
  List<ItemStatus> items(
      Instant start, Instant end, Instant now, List<RecordRef> records, int historyLimit) {
    LocalDate today = CarePeriods.day(end != null && end.isBefore(now) ? end : now);
    LocalDate startDay = CarePeriods.day(start);
    LocalDate endDay = end == null ? null : CarePeriods.day(end);
    List<ItemStatus> out = new ArrayList<>();
    for (CareItem item : CareItem.values()) {
      List<RecordRef> mine = records.stream()
          .filter(r -> r.kind().equals(item.name()))
          .sorted(Comparator.comparing(RecordRef::occurredAt))
          .toList();
      Instant last = mine.isEmpty() ? null : mine.get(mine.size() - 1).occurredAt();
      if (item.cadence() == CareItem.Cadence.CONTINUOUS) {
        out.add(new ItemStatus(
            item.name(), item.label(), item.cadence().name(), null, List.of(), mine.size(), last));
        continue;
      }
      Map<String, List<RecordRef>> byPeriod = new HashMap<>();
      for (RecordRef r : mine) {
        byPeriod
            .computeIfAbsent(
                periods.of(item.cadence(), CarePeriods.day(r.occurredAt())).key(),
                k -> new ArrayList<>())
            .add(r);
      }
      CarePeriods.Period current = periods.of(item.cadence(), today);
      CarePeriods.Period first = periods.firstOwed(item.cadence(), startDay);
      List<PeriodStatus> history = new ArrayList<>();
      for (CarePeriods.Period p = first;
          !p.start().isAfter(current.start());
          p = periods.next(item.cadence(), p)) {
        boolean cutShort = endDay != null && p.end().isAfter(endDay);
        history.add(status(p, byPeriod.get(p.key()), today, cutShort));
      }
      PeriodStatus currentStatus =
          history.isEmpty() || !history.get(history.size() - 1).period().equals(current.key())
              ? status(current, byPeriod.get(current.key()), today, true)
              : history.get(history.size() - 1);
      List<PeriodStatus> newestFirst = new ArrayList<>(history);
      Collections.reverse(newestFirst);
      out.add(new ItemStatus(
          item.name(),
          item.label(),
          item.cadence().name(),
          currentStatus,
          newestFirst.subList(0, Math.min(historyLimit, newestFirst.size())),
          mine.size(),
          last));
    }
    return out;
  }

  /** Days since the child was last seen or contacted (or since the pairing started, if never). */
  public static long daysWithoutContact(Instant start, List<RecordRef> records, Instant now) {
    Instant last = records.stream()
        .filter(r -> CHILD_CONTACT.contains(r.kind()))
        .map(RecordRef::occurredAt)
        .max(Comparator.naturalOrder())
        .orElse(start);
    return ChronoUnit.DAYS.between(CarePeriods.day(last), CarePeriods.day(now));
  }

  /** @param notOwed the period is not owed unless done (started too late in it, or the pairing ended in it) */
  private PeriodStatus status(
      CarePeriods.Period p, List<RecordRef> done, LocalDate today, boolean notOwed) {
    if (done != null && !done.isEmpty()) {
      RecordRef best = done.stream()
          .filter(r -> periods.onTime(p, CarePeriods.day(r.createdAt())))
          .findFirst()
          .orElse(done.get(0));
      boolean onTime = periods.onTime(p, CarePeriods.day(best.createdAt()));
      return new PeriodStatus(
          p.key(), p.start(), p.dueDate(), "DONE", onTime, Long.toString(best.id()), null);
    }
    if (notOwed) {
      return new PeriodStatus(p.key(), p.start(), p.dueDate(), "NOT_OWED", null, null, null);
    }
    if (today.isBefore(p.end())) {
      return new PeriodStatus(p.key(), p.start(), p.dueDate(), "DUE", null, null, null);
    }
    return new PeriodStatus(p.key(), p.start(), p.dueDate(), "OVERDUE", false, null, (int)
        ChronoUnit.DAYS.between(p.dueDate(), today));
  }
}
