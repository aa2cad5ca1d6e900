package cn.yuhao.care.checklist;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The compliance page's tallies while counting: owed, on time, late and missed, in total and by item. */
final class Tally {
  int owed;
  int onTime;
  int late;
  int missed;
  final java.util.Set<Long> pairings = new java.util.HashSet<>();
  final Map<CareItem, Tally> byItem = new java.util.EnumMap<>(CareItem.class);

  void add(long pairingId, CareItem item, CareChecklist.PeriodStatus s, boolean withItems) {
    pairings.add(pairingId);
    owed++;
    if ("DONE".equals(s.status())) {
      if (Boolean.TRUE.equals(s.onTime())) {
        onTime++;
      } else {
        late++;
      }
    } else {
      missed++;
    }
    if (withItems) {
      byItem.computeIfAbsent(item, i -> new Tally()).add(pairingId, item, s, false);
    }
  }

  ComplianceService.Counts counts() {
    return new ComplianceService.Counts(
        owed, onTime, late, missed, owed == 0 ? null : Math.round(onTime * 1000.0 / owed) / 1000.0);
  }

  List<ComplianceService.ItemCounts> items() {
    List<ComplianceService.ItemCounts> out = new ArrayList<>();
    for (CareItem i : CareItem.PERIODIC) {
      Tally t = byItem.getOrDefault(i, new Tally());
      out.add(new ComplianceService.ItemCounts(i.name(), i.label(), t.counts()));
    }
    return out;
  }
}
