package cn.yuhao.care.volunteer;

import java.time.Instant;
import java.util.List;

/**
 * A volunteer as the API shows her: phone masked; the home location only to herself (admins see district
 * and street, matching uses the location inside the service).
 */
public record VolunteerView(
    String id,
    String userId,
    String realName,
    String phone,
    String districtCode,
    String street,
    Location location,
    List<String> specialties,
    List<String> tags,
    int maxChildren,
    String availability,
    String pledgeVersion,
    Instant agreedAt,
    String status,
    String statusReason,
    Instant appliedAt,
    Instant decidedAt,
    BackgroundCheck backgroundCheck,
    String admissionNote) {

  public record Location(double lat, double lng) {}

  public record BackgroundCheck(String checkedBy, Instant checkedAt, String result) {}
}
