package cn.yuhao.care.http;

/**
 * Every error the API can answer: HTTP status, the stable code clients switch on, and a Chinese title fit
 * to show. The same table is in miniapp-contract/error-codes.md; never rename a code, add a new one.
 */
public enum ErrorCode {
  BAD_REQUEST(400, "请求有误"),
  MALFORMED_JSON(400, "请求内容不是有效的 JSON"),
  UNAUTHENTICATED(401, "请先登录"),
  TOKEN_INVALID(401, "登录已失效，请重新登录"),
  WECHAT_CODE_INVALID(401, "微信登录凭证无效或已过期"),
  FORBIDDEN(403, "没有权限执行此操作"),
  ACCOUNT_DISABLED(403, "账号已停用"),
  NOT_FOUND(404, "未找到"),
  METHOD_NOT_ALLOWED(405, "不支持的请求方法"),
  DUPLICATE(409, "记录已存在"),
  CONFLICT(409, "操作与当前状态冲突"),
  LAST_CITY_ADMIN(409, "不能移除最后一位市级管理员"),
  VOLUNTEER_STATE(409, "志愿者当前状态不允许此操作"),
  BACKGROUND_CHECK_NOT_CLEAR(409, "入职查询未通过，不能准入"),
  CONSENT_REQUIRED(409, "尚未取得监护人同意"),
  CHILD_NOT_ACTIVE(409, "儿童不在关爱中"),
  ALREADY_PAIRED(409, "儿童已有结对"),
  CAPACITY_EXCEEDED(409, "志愿者结对人数已满"),
  CASE_TEAM_REQUIRED(409, "高风险儿童须组建关爱专班"),
  PAIRING_STATE(409, "结对当前状态不允许此操作"),
  CONSENT_LINK_USED(409, "同意链接已使用"),
  CONSENT_LINK_EXPIRED(409, "同意链接已过期"),
  CORRECTION_WINDOW_CLOSED(409, "已超过可修改期限"),
  CONCERN_STATE(409, "报告当前状态不允许此操作"),
  REFERRALS_OPEN(409, "尚有移交单位未反馈结果"),
  REFERRAL_STATE(409, "移交当前状态不允许此操作"),
  REFERRAL_LINK_USED(409, "移交链接已使用"),
  REFERRAL_LINK_EXPIRED(409, "移交链接已过期"),
  TROUPE_PLAN_EXCEEDED(409, "本区县已有同类团队"),
  TROUPE_STATE(409, "团队当前状态不允许此操作"),
  ROSTER_OVERRIDE_REQUIRED(409, "超出招收计划，需填写理由"),
  SESSION_STATE(409, "活动当前状态不允许此操作"),
  OUTSIDE_WINDOW(409, "不在签到时间内"),
  BADGE_UNKNOWN(409, "胸卡无效"),
  BADGE_OTHER_TROUPE(409, "不是本团的胸卡"),
  BADGE_REVOKED(409, "胸卡已作废"),
  CODE_EXPIRED(409, "签到码已过期"),
  CODE_REPLAYED(409, "签到码已使用"),
  CODE_OTHER_SESSION(409, "签到码不属于这次活动"),
  ALREADY_CHECKED_IN(409, "已签到"),
  CHECKIN_STATE(409, "签到当前状态不允许此操作"),
  INSUFFICIENT_POINTS(409, "积分不足"),
  OFFER_UNAVAILABLE(409, "礼遇当前不可兑换"),
  OUT_OF_STOCK(409, "礼遇已兑完"),
  STAR_LEVEL_TOO_LOW(409, "星级不够"),
  REDEMPTION_LIMIT_REACHED(409, "已达兑换次数上限"),
  REDEMPTION_USED(409, "兑换码已使用"),
  REDEMPTION_EXPIRED(409, "兑换码已过期"),
  REDEMPTION_STATE(409, "兑换当前状态不允许此操作"),
  INVITE_USED(409, "邀请码已使用"),
  INVITE_EXPIRED(409, "邀请码已过期"),
  WEB_TICKET_USED(409, "登录二维码已使用"),
  WEB_TICKET_EXPIRED(409, "登录二维码已过期"),
  SURVEY_CLOSED(409, "问卷不在答题时间内"),
  ADJUSTMENT_STATE(409, "积分调整当前状态不允许此操作"),
  PAYLOAD_TOO_LARGE(413, "请求内容过大"),
  UNSUPPORTED_MEDIA_TYPE(415, "请求格式不受支持"),
  VALIDATION_FAILED(422, "提交的内容有误"),
  PHONE_CODE_INVALID(422, "手机号授权凭证无效或已过期"),
  IDEMPOTENCY_KEY_REUSED(422, "Idempotency-Key 已用于其他内容"),
  CONTENT_REJECTED(422, "内容未通过安全检测"),
  CODE_INVALID(422, "签到码无效"),
  RATE_LIMITED(429, "操作过于频繁"),
  INTERNAL_ERROR(500, "服务器开小差了"),
  WECHAT_UNAVAILABLE(503, "微信服务暂时不可用"),
  NOT_READY(503, "服务尚未就绪"),
  DB_UNAVAILABLE(503, "数据暂时无法读写，请稍后重试"),
  BUSY(503, "服务繁忙，请稍后重试");

  private final int status;
  private final String title;

  ErrorCode(int status, String title) {
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String code() {
    return name();
  }
}
