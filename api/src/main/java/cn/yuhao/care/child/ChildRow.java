package cn.yuhao.care.child;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A children row as stored (ID number and address still encrypted; lists comma-joined). */
public record ChildRow(long id, String districtCode, String street, String name, String gender, LocalDate birthDate,
                       String idNumberEnc, String category, String needs, String careLevel, String riskFlags,
                       String school, Integer schoolEntryYear, String addressEnc, BigDecimal lat, BigDecimal lng,
                       String status) {}
