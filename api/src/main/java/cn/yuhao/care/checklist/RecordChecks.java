package cn.yuhao.care.checklist;

import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.wechat.WeChatGateway;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * What a care record must be before it is stored: its fields (dated within the pairing, not in the future, a
 * summary of substance), and WeChat's content check of its text.
 */
final class RecordChecks {
  private final Jdbi jdbi;
  private final WeChatGateway wechat;
  private final Clock clock;

  RecordChecks(Jdbi jdbi, WeChatGateway wechat, Clock clock) {
    this.jdbi = jdbi;
    this.wechat = wechat;
    this.clock = clock;
  }

  void validate(CareRecords.RecordInput in, CareDao.PairingRef p) {
    Instant now = clock.instant();
    Fields f = new Fields()
        .require("kind", in.kind())
        .require("occurredAt", in.occurredAt())
        .require("way", in.way())
        .require("summary", in.summary())
        .check(
            in.kind(),
            in.kind() == null || CareService.KINDS.contains(in.kind()),
            "kind",
            "没有这种关爱事项")
        .check(in.way(), in.way() == null || CareService.WAYS.contains(in.way()), "way", "没有这种关爱方式")
        .maxLength("summary", in.summary(), 500)
        .maxLength("followUpNote", in.followUpNote(), 200)
        .check(
            in.occurredAt(),
            in.occurredAt() == null || !in.occurredAt().isAfter(now),
            "occurredAt",
            "发生时间不能晚于现在")
        .check(
            in.occurredAt(),
            in.occurredAt() == null || !in.occurredAt().isBefore(p.startedAt()),
            "occurredAt",
            "发生时间不能早于结对开始（" + CarePeriods.day(p.startedAt()) + "）")
        .check(
            in.followUpNote(),
            in.followUpNote() == null
                || in.followUpNote().isBlank()
                || Boolean.TRUE.equals(in.followUpNeeded()),
            "followUpNote",
            "只有需要跟进时才填写跟进说明");
    if (in.summary() != null
        && !in.summary().isBlank()
        && in.summary().strip().codePointCount(0, in.summary().strip().length()) < 5) {
      f.fail("summary", "请至少用 5 个字写下做了什么");
    }
    if (!p.hasChecklist() && in.kind() != null && !"FREE_VISIT".equals(in.kind())) {
      f.fail("kind", "这个结对没有 6+1 事项，请记为自由走访（FREE_VISIT）");
    }
    f.throwIfAny();
  }

  /** WeChat's verdict; risky text is refused with the field to fix, doubtful or unchecked text is flagged. */
  String content(Caller caller, String summary, String note) {
    String openid = jdbi.withHandle(h -> new CareDao(h).openid(caller.userId()));
    String text = summary + (note == null || note.isBlank() ? "" : "\n" + note);
    WeChatGateway.ContentVerdict v = wechat.checkText(openid, CareService.SEC_CHECK_SCENE, text);
    if ("RISKY".equals(v.suggest())) {
      throw new AppException(
          ErrorCode.CONTENT_REJECTED,
          "记录内容未通过微信内容安全检测，请修改后再提交",
          List.of(new cn.yuhao.care.http.FieldError("summary", "内容含有不宜发布的信息")));
    }
    return v.suggest();
  }
}
