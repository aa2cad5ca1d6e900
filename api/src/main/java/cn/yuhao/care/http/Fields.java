package cn.yuhao.care.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects every problem with a request body before answering, so the user fixes them all at once. */
public final class Fields {
  private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

  private final List<FieldError> errors = new ArrayList<>();

  public Fields require(String field, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      errors.add(new FieldError(field, "不能为空"));
    }
    return this;
  }

  /** Adds the message when the value is present and fails the check; absent values are require()'s job. */
  public Fields check(Object value, boolean ok, String field, String message) {
    if (value != null && !ok) {
      errors.add(new FieldError(field, message));
    }
    return this;
  }

  public Fields fail(String field, String message) {
    errors.add(new FieldError(field, message));
    return this;
  }

  /** A mainland mobile number: 11 digits starting 13–19. */
  public Fields mobile(String field, String value) {
    return check(value, value == null || MOBILE.matcher(value).matches(), field, "请填写 11 位手机号");
  }

  public Fields maxLength(String field, String value, int max) {
    return check(
        value,
        value == null || value.codePointCount(0, value.length()) <= max,
        field,
        "不能超过 " + max + " 个字");
  }

  public void throwIfAny() {
    if (!errors.isEmpty()) {
      String detail = errors.size() == 1
          ? errors.get(0).field() + "：" + errors.get(0).message()
          : "有 " + errors.size() + " 处内容需要修改";
      throw new AppException(ErrorCode.VALIDATION_FAILED, detail, errors);
    }
  }
}
