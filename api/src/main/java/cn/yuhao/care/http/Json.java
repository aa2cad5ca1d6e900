package cn.yuhao.care.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/** The one ObjectMapper, and strict reading of request bodies into records. */
public final class Json {
  private Json() {}

  public static ObjectMapper mapper() {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(32)
            .maxStringLength(64 * 1024)
            .maxNumberLength(32)
            .build())
        .build();
    ObjectMapper mapper = new ObjectMapper(factory);
    // "code": 123 is a client bug, not a string: no silent coercion between text, numbers and
    // booleans.
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    return mapper
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .setSerializationInclusion(JsonInclude.Include.ALWAYS);
  }

  /** Reads the body as {@code type}: 415 unless JSON, 400 when not JSON, 422 naming the field otherwise. */
  public static <T> T read(Context ctx, ObjectMapper mapper, Class<T> type) {
    String contentType = ctx.contentType();
    if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
      throw new AppException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "请以 application/json 格式提交");
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length == 0) {
      throw new AppException(ErrorCode.MALFORMED_JSON, "请求内容为空");
    }
    try {
      T value = mapper.readValue(body, type);
      if (value == null) {
        throw new AppException(ErrorCode.MALFORMED_JSON, "请求内容应为 JSON 对象");
      }
      InputRules.check(value);
      return value;
    } catch (UnrecognizedPropertyException e) {
      String field = path(e);
      throw new AppException(
          ErrorCode.VALIDATION_FAILED, "不认识的字段：" + field, List.of(new FieldError(field, "不支持此字段")));
    } catch (MismatchedInputException e) {
      String field = path(e);
      if (field.isEmpty()) {
        throw new AppException(ErrorCode.MALFORMED_JSON, "请求内容应为 JSON 对象");
      }
      throw new AppException(
          ErrorCode.VALIDATION_FAILED, field + "：类型不正确", List.of(new FieldError(field, "类型不正确")));
    } catch (JsonProcessingException e) {
      throw new AppException(ErrorCode.MALFORMED_JSON, "请求内容不是有效的 JSON");
    } catch (IOException e) {
      throw new AppException(ErrorCode.BAD_REQUEST, "无法读取请求内容");
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
