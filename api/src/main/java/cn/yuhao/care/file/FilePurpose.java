package cn.yuhao.care.file;

import java.util.Set;

/** What an upload is for: the types it may be, its size limit, and the one kind of thing it can be attached to. */
public enum FilePurpose {
  /** A photo of a care visit. */
  CARE_RECORD(Set.of(FileTypes.JPEG, FileTypes.PNG), 10, "care_record", true),
  /** A paper consent, photographed or scanned. */
  CONSENT_SCAN(Set.of(FileTypes.JPEG, FileTypes.PNG, FileTypes.PDF), 10, "consent", false),
  /** Evidence for a harm report. */
  CONCERN_EVIDENCE(Set.of(FileTypes.JPEG, FileTypes.PNG, FileTypes.PDF), 20, "concern", false),
  /** A troupe's year-end self-check (自查): photos and documents. */
  SELF_CHECK(Set.of(FileTypes.JPEG, FileTypes.PNG, FileTypes.PDF), 20, "troupe_self_check", true),
  /** Photos of an activity. */
  ACTIVITY(Set.of(FileTypes.JPEG, FileTypes.PNG), 10, "activity", true),
  /** An agency's answer to a referral, uploaded through its one-time link. */
  REFERRAL_FEEDBACK(Set.of(FileTypes.JPEG, FileTypes.PNG, FileTypes.PDF), 20, "referral", false);

  /** The largest limit of any purpose: the multipart limit of the HTTP server. */
  public static final int MAX_MEGABYTES = 20;

  private final Set<String> types;
  private final int megabytes;
  private final String ownerKind;
  private final boolean contentChecked;

  FilePurpose(Set<String> types, int megabytes, String ownerKind, boolean contentChecked) {
    this.types = types;
    this.megabytes = megabytes;
    this.ownerKind = ownerKind;
    this.contentChecked = contentChecked;
  }

  /**
   * Whether its photos go through WeChat's image check. Never evidence of harm, a consent or an agency's
   * answer: those must not be refused for what they show.
   */
  public boolean contentChecked() {
    return contentChecked;
  }

  public Set<String> types() {
    return types;
  }

  public long maxBytes() {
    return megabytes * 1024L * 1024L;
  }

  public int megabytes() {
    return megabytes;
  }

  public String ownerKind() {
    return ownerKind;
  }

  /** A purpose by name, or null. */
  public static FilePurpose of(String name) {
    for (FilePurpose p : values()) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }
}
