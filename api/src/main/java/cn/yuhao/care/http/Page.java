package cn.yuhao.care.http;

import java.util.List;
import java.util.function.Function;

/** One page of a list, newest first: the items, and the cursor of the next page (null on the last). */
public record Page<T>(List<T> items, String nextCursor) {
  /**
   * From rows read with {@code limit + 1} (the extra row only says there is more): the first {@code limit} as
   * views, and the last one's id as the cursor when there is more.
   */
  public static <R, T> Page<T> of(
      List<R> rows, int limit, Function<R, T> view, Function<R, Long> id) {
    List<T> items = rows.stream().limit(limit).map(view).toList();
    String next = rows.size() > limit ? Long.toString(id.apply(rows.get(limit - 1))) : null;
    return new Page<>(items, next);
  }
}
