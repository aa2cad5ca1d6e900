package cn.yuhao.care.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.yuhao.care.config.CareRules;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.util.List;
import org.junit.jupiter.api.Test;

class CareChecklistTest {
  private final CarePeriods periods = new CarePeriods(CareRules.DEFAULT);
  private final CareChecklist checklist = new CareChecklist(periods);

  private static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(CarePeriods.CHONGQING).toInstant();
  }

  private CareChecklist.ItemStatus item(List<CareChecklist.ItemStatus> items, CareItem item) {
    return items.stream().filter(i -> i.item().equals(item.name())).findFirst().orElseThrow();
  }

  @Test
  void iso_week_53_spans_the_new_year() {
    var p = periods.of(CareItem.Cadence.WEEK, LocalDate.of(2026, 12, 31));
    assertEquals("2026-W53", p.key());
    assertEquals(LocalDate.of(2026, 12, 28), p.start());
    assertEquals(LocalDate.of(2027, 1, 3), p.dueDate());
    assertEquals(
        "2026-W53", periods.of(CareItem.Cadence.WEEK, LocalDate.of(2027, 1, 3)).key());
    assertEquals(
        "2027-W01", periods.of(CareItem.Cadence.WEEK, LocalDate.of(2027, 1, 4)).key());
  }

  @Test
  void semesters_meet_at_the_configured_boundaries() {
    assertEquals(
        "2026-SPRING",
        periods.of(CareItem.Cadence.SEMESTER, LocalDate.of(2026, 7, 31)).key());
    var autumn = periods.of(CareItem.Cadence.SEMESTER, LocalDate.of(2026, 8, 1));
    assertEquals("2026-AUTUMN", autumn.key());
    assertEquals(LocalDate.of(2027, 1, 31), autumn.dueDate());
    assertEquals(
        "2026-AUTUMN",
        periods.of(CareItem.Cadence.SEMESTER, LocalDate.of(2027, 1, 31)).key());
    assertEquals(
        "2027-SPRING",
        periods.of(CareItem.Cadence.SEMESTER, LocalDate.of(2027, 2, 1)).key());

    var rules = new CareRules(
        MonthDay.of(3, 1),
        MonthDay.of(9, 1),
        50,
        3,
        CareRules.DEFAULT.slaHours(),
        CareRules.DEFAULT.remindWeekday(),
        19,
        21,
        8,
        15,
        14,
        14);
    assertEquals(
        "2026-SPRING",
        new CarePeriods(rules)
            .of(CareItem.Cadence.SEMESTER, LocalDate.of(2026, 8, 31))
            .key());
  }

  @Test
  void year_ends_on_31_december_in_chongqing_time() {
    var p =
        periods.of(CareItem.Cadence.YEAR, CarePeriods.day(Instant.parse("2026-12-31T15:59:59Z")));
    assertEquals("2026", p.key());
    assertEquals(LocalDate.of(2026, 12, 31), p.dueDate());
    assertEquals(
        "2027",
        periods
            .of(CareItem.Cadence.YEAR, CarePeriods.day(Instant.parse("2026-12-31T16:00:00Z")))
            .key());
  }

  @Test
  void a_period_is_owed_only_when_half_of_it_is_left() {
    // 2026-11-19 is a Thursday: 4 of 7 days left → owed; Friday → the next week.
    assertEquals(
        "2026-W47",
        periods.firstOwed(CareItem.Cadence.WEEK, LocalDate.of(2026, 11, 19)).key());
    assertEquals(
        "2026-W48",
        periods.firstOwed(CareItem.Cadence.WEEK, LocalDate.of(2026, 11, 20)).key());
    assertEquals(
        "2026-12",
        periods.firstOwed(CareItem.Cadence.MONTH, LocalDate.of(2026, 11, 30)).key());
    assertEquals(
        "2027",
        periods.firstOwed(CareItem.Cadence.YEAR, LocalDate.of(2026, 12, 31)).key());
  }

  @Test
  void pairing_started_on_the_last_day_of_the_year_owes_nothing_for_that_year() {
    var items = checklist.items(at("2026-12-31T10:00"), null, at("2026-12-31T18:00"), List.of());
    var reading = item(items, CareItem.READING);
    assertEquals("2026", reading.current().period());
    assertEquals("NOT_OWED", reading.current().status());
    assertTrue(reading.history().isEmpty());
    var week = item(items, CareItem.CONTACT_CHILD);
    assertEquals("DUE", week.current().status()); // Thursday of 2026-W53: 4 of 7 days left

    var later = checklist.items(at("2026-12-31T10:00"), null, at("2027-01-05T09:00"), List.of());
    assertEquals("2027", item(later, CareItem.READING).current().period());
    assertEquals("DUE", item(later, CareItem.READING).current().status());
    var weeks = item(later, CareItem.CONTACT_CHILD).history();
    assertEquals("2027-W01", weeks.get(0).period());
    assertEquals("OVERDUE", weeks.get(1).status());
    assertEquals("2026-W53", weeks.get(1).period());
    assertEquals(2, weeks.get(1).daysOverdue()); // due Sunday 3 January, today Tuesday 5 January
  }

  @Test
  void a_record_fulfils_the_period_it_occurred_in_and_late_logging_is_not_on_time() {
    var records = List.of(
        new CareChecklist.RecordRef(
            1, "CONTACT_CHILD", at("2026-11-17T20:00"), at("2026-11-17T20:05")),
        new CareChecklist.RecordRef(
            2, "CONTACT_CHILD", at("2026-11-26T20:00"), at("2026-12-05T09:00")),
        new CareChecklist.RecordRef(
            3, "FAMILY_EDUCATION", at("2026-11-20T20:00"), at("2026-11-20T20:00")),
        new CareChecklist.RecordRef(
            4, "FAMILY_EDUCATION", at("2026-11-27T20:00"), at("2026-11-27T20:00")));
    var items = checklist.items(at("2026-11-16T09:00"), null, at("2026-12-05T10:00"), records);
    var weeks = item(items, CareItem.CONTACT_CHILD).history();
    assertEquals(
        List.of("2026-W49", "2026-W48", "2026-W47"),
        weeks.stream().map(CareChecklist.PeriodStatus::period).toList());
    assertEquals("DUE", weeks.get(0).status());
    assertEquals("DONE", weeks.get(1).status());
    assertFalse(weeks.get(1).onTime()); // logged 6 days after the week ended, grace is 3
    assertEquals("DONE", weeks.get(2).status());
    assertTrue(weeks.get(2).onTime());
    assertEquals("1", weeks.get(2).recordId());
    var family = item(items, CareItem.FAMILY_EDUCATION);
    assertEquals(2, family.count());
    assertNull(family.current());
  }

  @Test
  void an_ended_pairing_owes_nothing_after_it_ended() {
    var items = checklist.items(
        at("2026-11-02T09:00"), at("2026-11-25T12:00"), at("2026-12-20T10:00"), List.of());
    var weeks = item(items, CareItem.CONTACT_CHILD).history();
    assertEquals("2026-W48", weeks.get(0).period()); // the week it ended in, not owed
    assertEquals("NOT_OWED", weeks.get(0).status());
    assertEquals("OVERDUE", weeks.get(1).status());
    assertEquals(4, weeks.size());
    assertEquals("NOT_OWED", item(items, CareItem.TALK_GUARDIAN).current().status());
  }

  @Test
  void days_without_contact_count_from_the_last_visit_or_the_start() {
    var records = List.of(
        new CareChecklist.RecordRef(
            1, "CONTACT_CHILD", at("2026-11-01T10:00"), at("2026-11-01T10:00")),
        new CareChecklist.RecordRef(
            2, "TALK_GUARDIAN", at("2026-11-20T10:00"), at("2026-11-20T10:00")));
    assertEquals(
        21,
        CareChecklist.daysWithoutContact(at("2026-10-01T10:00"), records, at("2026-11-22T08:00")));
    assertEquals(
        7,
        CareChecklist.daysWithoutContact(
            at("2026-11-15T10:00"), List.of(), at("2026-11-22T08:00")));
  }
}
