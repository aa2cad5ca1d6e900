/**
 * Uploaded files (attachments): checked by content, photos re-encoded without their metadata, sealed and kept in
 * a {@link cn.yuhao.care.file.FileStore}; read only by whoever may read what a file is attached to.
 */
package cn.yuhao.care.file;
