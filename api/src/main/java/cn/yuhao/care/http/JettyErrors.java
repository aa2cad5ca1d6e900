package cn.yuhao.care.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Answers that Jetty gives itself, before or after Javalin (a URI it cannot parse, a request arriving during a
 * graceful stop, an oversized header), as problem+json like every other answer, never its HTML page.
 */
final class JettyErrors extends ErrorHandler {
  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    baseRequest.setHandled(true);
    int status = response.getStatus() >= 400 ? response.getStatus() : 500;
    response.setStatus(status);
    response.setContentType(ErrorMapper.PROBLEM_JSON);
    SecurityHeaders.apply(response::setHeader);
    if (status == 503) {
      response.setHeader("Retry-After", "5");
    }
    if (!"HEAD".equals(request.getMethod())) {
      response.getOutputStream().write(body(status));
    }
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, ErrorMapper.PROBLEM_JSON);
    SecurityHeaders.apply(fields::put);
    return ByteBuffer.wrap(body(status));
  }

  private static byte[] body(int status) {
    try {
      return Json.mapper()
          .writeValueAsBytes(Problem.of(ErrorMapper.fromStatus(status), null, List.of(), null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
