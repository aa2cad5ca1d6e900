package cn.yuhao.care.file;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Params;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;

/** HTTP for files: multipart upload as wx.uploadFile sends it (part "file", field "purpose"), and the read. */
public final class FileRoutes {
  private final FileService files;

  public FileRoutes(FileService files) {
    this.files = files;
  }

  public void upload(Context ctx) {
    ctx.status(201).json(files.upload(AuthFilter.caller(ctx), purpose(ctx), bytes(ctx)));
  }

  public void read(Context ctx) {
    FileService.Download d = files.read(AuthFilter.caller(ctx), Params.id(ctx, "id"));
    ctx.header("Cache-Control", "private, no-store")
        .header("Content-Disposition", "inline; filename=\"" + d.fileName() + "\"")
        // A PDF opened in a browser tab runs nothing of ours or its own.
        .header("Content-Security-Policy", "sandbox; default-src 'none'")
        .contentType(d.contentType())
        .result(d.bytes());
  }

  /** The form field "purpose", which wx.uploadFile sends in formData. */
  static String purpose(Context ctx) {
    multipartOnly(ctx);
    String purpose = parsed(ctx, () -> ctx.formParam("purpose"));
    if (purpose == null || purpose.isBlank()) {
      throw AppException.invalid("purpose", "请填写附件用途");
    }
    return purpose.strip();
  }

  /** The bytes of the part "file", at most one part of that name. */
  public static byte[] bytes(Context ctx) {
    multipartOnly(ctx);
    var parts = parsed(ctx, () -> ctx.uploadedFiles("file"));
    if (parts.isEmpty()) {
      throw AppException.invalid("file", "请选择要上传的文件");
    }
    if (parts.size() > 1) {
      throw AppException.invalid("file", "一次只能上传一个文件");
    }
    UploadedFile part = parts.get(0);
    try (InputStream in = part.content()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AppException(ErrorCode.BAD_REQUEST, "无法读取上传的文件");
    }
  }

  /** Jetty's multipart parser fails with its own exceptions: too large is 413, anything else malformed 400. */
  private static <T> T parsed(Context ctx, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (AppException e) {
      throw e;
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t.getMessage() != null && t.getMessage().contains("exceeds")) {
          throw new AppException(
              ErrorCode.PAYLOAD_TOO_LARGE, "文件超过 " + FilePurpose.MAX_MEGABYTES + " MB，请压缩后再上传");
        }
      }
      throw new AppException(ErrorCode.BAD_REQUEST, "上传内容不是有效的 multipart/form-data");
    }
  }

  private static void multipartOnly(Context ctx) {
    String type = ctx.contentType();
    if (type == null
        || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
      throw new AppException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "请以 multipart/form-data 上传文件（wx.uploadFile）");
    }
    long length = ctx.contentLength();
    if (length > (FilePurpose.MAX_MEGABYTES + 1) * 1024L * 1024L) {
      throw new AppException(
          ErrorCode.PAYLOAD_TOO_LARGE, "文件超过 " + FilePurpose.MAX_MEGABYTES + " MB，请压缩后再上传");
    }
  }
}
