package cn.yuhao.care.http;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules every JSON body obeys, whatever the endpoint, checked once where bodies are read ({@link Json#read}):
 * no null inside a list, times the database can hold, and text without control characters, direction
 * overrides or nothing but invisible characters. Each breach is a 422 naming the field, so no endpoint can
 * forget one.
 */
final class InputRules {
  /** Free text a person types in several lines; every other text field is a single line. */
  private static final Set<String> MULTI_LINE = Set.of(
      "summary",
      "description",
      "reason",
      "note",
      "notes",
      "message",
      "introduction",
      "feature",
      "followUpNote",
      "outcome",
      "overrideReason",
      "planOverrideReason",
      "recommendation",
      "request",
      "resolution",
      "availability",
      "decisionNote",
      "comment",
      "opinion");
  /** A list index at the end of a path ("items[3]"), left out when naming the field. */
  private static final Pattern LIST_INDEX = Pattern.compile("\\[\\d+]$");

  /** What every table of times can store (and TiDB's and MySQL's TIMESTAMP too): 1970 to 2038-01-19. */
  private static final Instant EARLIEST = Instant.parse("1970-01-02T00:00:00Z");

  private static final Instant LATEST = Instant.parse("2038-01-18T00:00:00Z");
  private static final LocalDate FIRST_DAY = LocalDate.of(1900, 1, 1);
  private static final LocalDate LAST_DAY = LocalDate.of(2099, 12, 31);

  /** Request records' components, their accessors opened once (many are private nested records). */
  private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
    @Override
    protected RecordComponent[] computeValue(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      for (RecordComponent c : components) {
        c.getAccessor().setAccessible(true);
      }
      return components;
    }
  };

  private InputRules() {}

  static void check(Object body) {
    List<FieldError> errors = new ArrayList<>();
    walk("", body, errors);
    if (!errors.isEmpty()) {
      FieldError first = errors.get(0);
      throw new AppException(
          ErrorCode.VALIDATION_FAILED,
          (first.field().isEmpty() ? "" : first.field() + "：") + first.message(),
          errors);
    }
  }

  private static void walk(String path, Object value, List<FieldError> errors) {
    if (value == null) {
      return;
    }
    if (value instanceof String s) {
      text(path, s, errors);
    } else if (value instanceof Instant t) {
      if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
        errors.add(new FieldError(path, "时间超出范围（1970 年至 2038 年）"));
      }
    } else if (value instanceof LocalDate d) {
      if (d.isBefore(FIRST_DAY) || d.isAfter(LAST_DAY)) {
        errors.add(new FieldError(path, "日期超出范围（1900 年至 2099 年）"));
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        String at = path + "[" + i + "]";
        if (list.get(i) == null) {
          errors.add(new FieldError(at, "列表中不能有空值"));
        } else {
          walk(at, list.get(i), errors);
        }
      }
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(join(path, String.valueOf(k)), v, errors));
    } else if (value.getClass().isRecord()) {
      for (RecordComponent c : COMPONENTS.get(value.getClass())) {
        walk(join(path, c.getName()), read(c, value), errors);
      }
    }
  }

  private static void text(String path, String s, List<FieldError> errors) {
    boolean multiLine = MULTI_LINE.contains(
        LIST_INDEX.matcher(path.substring(path.lastIndexOf('.') + 1)).replaceAll(""));
    boolean visible = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r' || c == '\t') {
        if (!multiLine) {
          errors.add(new FieldError(path, "不能包含换行或制表符"));
          return;
        }
      } else if (Character.isISOControl(c)) {
        errors.add(new FieldError(path, "不能包含控制字符"));
        return;
      } else if (c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069') {
        // Direction overrides make a name or a reason display as something else than what is
        // stored.
        errors.add(new FieldError(path, "不能包含文字方向控制字符"));
        return;
      } else if (!Character.isWhitespace(c) && !invisible(c)) {
        visible = true;
      }
    }
    if (!visible && !s.isEmpty() && !s.isBlank()) {
      errors.add(new FieldError(path, "不能只有不可见字符"));
    }
  }

  private static boolean invisible(char c) {
    return c == '\u200B'
        || c == '\u200C'
        || c == '\u200D'
        || c == '\u2060'
        || c == '\uFEFF'
        || c == '\u00A0'
        || c == '\u3000'
        || c == '\u180E';
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static Object read(RecordComponent c, Object record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c, e);
    }
  }
}
