package cn.yuhao.care.http;

import java.util.function.BiConsumer;

/**
 * Headers on every answer of the API: nothing about children or volunteers is kept by a browser, proxy or the
 * WeChat web view's cache, and no answer is sniffed into another content type.
 */
final class SecurityHeaders {
  private SecurityHeaders() {}

  static void apply(BiConsumer<String, String> header) {
    header.accept("Cache-Control", "no-store");
    header.accept("X-Content-Type-Options", "nosniff");
  }
}
