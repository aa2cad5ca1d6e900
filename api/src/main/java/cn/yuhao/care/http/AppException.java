package cn.yuhao.care.http;

import java.util.List;

/** The one exception family the API answers with; the error mapper turns it into problem+json. */
public class AppException extends RuntimeException {
  private final ErrorCode error;
  private final List<FieldError> fields;
  private final long retryAfterSeconds;

  public AppException(ErrorCode error, String detail) {
    this(error, detail, List.of(), 0);
  }

  public AppException(ErrorCode error, String detail, List<FieldError> fields) {
    this(error, detail, fields, 0);
  }

  private AppException(
      ErrorCode error, String detail, List<FieldError> fields, long retryAfterSeconds) {
    super(detail, null, false, false); // expected outcomes: no stack trace to fill or log
    this.error = error;
    this.fields = List.copyOf(fields);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static AppException rateLimited(long retryAfterSeconds) {
    return new AppException(
        ErrorCode.RATE_LIMITED, "请在 " + retryAfterSeconds + " 秒后再试", List.of(), retryAfterSeconds);
  }

  public static AppException notFound(String what) {
    return new AppException(ErrorCode.NOT_FOUND, what + "不存在或无权查看");
  }

  public static AppException invalid(String field, String message) {
    return new AppException(
        ErrorCode.VALIDATION_FAILED, message, List.of(new FieldError(field, message)));
  }

  public ErrorCode error() {
    return error;
  }

  public List<FieldError> fields() {
    return fields;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
