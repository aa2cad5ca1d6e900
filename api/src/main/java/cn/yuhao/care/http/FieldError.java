package cn.yuhao.care.http;

/** One offending field of a request, named by its JSON path, with a Chinese message. */
public record FieldError(String field, String message) {}
