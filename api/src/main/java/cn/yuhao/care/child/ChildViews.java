package cn.yuhao.care.child;

import java.time.LocalDate;
import java.util.List;

/** How the ledger is answered: masked by default, in full only through the audited sensitive read. */
public final class ChildViews {
  private ChildViews() {}

  public record Guardian(String name, String relation, String phone) {}

  /** A row of a list: no guardians, no address, no location. */
  public record Summary(
      String id,
      String districtCode,
      String street,
      String name,
      String gender,
      int age,
      Integer grade,
      String idNumber,
      String category,
      List<String> needs,
      String careLevel,
      List<String> riskFlags,
      String status,
      boolean comingOfAgeDue) {}

  public record Child(
      String id,
      String districtCode,
      String street,
      String name,
      String gender,
      LocalDate birthDate,
      int age,
      String idNumber,
      String category,
      List<String> needs,
      String careLevel,
      List<String> riskFlags,
      String school,
      Integer schoolEntryYear,
      Integer grade,
      String address,
      boolean hasLocation,
      String status,
      String possibleDuplicateOf,
      boolean comingOfAgeDue,
      List<Guardian> guardians) {}

  public record Sensitive(
      String idNumber, String address, ChildService.Location location, List<Guardian> guardians) {}

  public record Page(List<Summary> items, String nextCursor) {}
}
