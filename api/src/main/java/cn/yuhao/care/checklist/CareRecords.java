package cn.yuhao.care.checklist;

import cn.yuhao.care.file.Attachments;
import java.time.Instant;
import java.util.List;

/** A care record as it is written and read: the input, the record, its earlier versions. */
public final class CareRecords {
  private CareRecords() {}

  public record RecordInput(
      String kind,
      Instant occurredAt,
      String way,
      String summary,
      Boolean followUpNeeded,
      String followUpNote,
      List<String> attachmentIds) {}

  public record CareRecord(
      String id,
      String pairingId,
      String kind,
      String kindLabel,
      String period,
      Instant occurredAt,
      String way,
      String summary,
      boolean followUpNeeded,
      String followUpNote,
      String contentCheck,
      int version,
      String authorName,
      boolean sharedHistory,
      Instant createdAt,
      Instant updatedAt,
      Instant correctableUntil) {}

  public record Version(
      int version,
      String kind,
      Instant occurredAt,
      String way,
      String summary,
      boolean followUpNeeded,
      String followUpNote,
      String contentCheck,
      Instant writtenAt,
      Instant replacedAt) {}

  public record RecordDetail(
      CareRecord record, List<Version> previousVersions, List<Attachments.FileRef> attachments) {}

  public record Page(List<CareRecord> items, String nextCursor) {}
}
