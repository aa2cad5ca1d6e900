package cn.yuhao.care.http;

import java.util.List;

/** RFC 9457 problem details, with our stable code, the offending fields and the request id. */
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String code,
    List<FieldError> fields,
    String requestId) {

  static Problem of(ErrorCode error, String detail, List<FieldError> fields, String requestId) {
    return new Problem(
        "urn:yuhao:problem:" + error.code(),
        error.title(),
        error.status(),
        detail == null ? error.title() : detail,
        error.code(),
        fields,
        requestId);
  }
}
