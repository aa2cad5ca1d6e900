package cn.yuhao.care.child;

import java.time.LocalDate;

/** A children row as stored (ID number, address and home point still encrypted; lists comma-joined). */
public record ChildRow(
    long id,
    String districtCode,
    String street,
    String name,
    String gender,
    LocalDate birthDate,
    String idNumberEnc,
    String category,
    String needs,
    String careLevel,
    String riskFlags,
    String school,
    Integer schoolEntryYear,
    String addressEnc,
    String locationEnc,
    Long duplicateOf,
    String status) {}
