package cn.yuhao.care.file;

import cn.yuhao.care.auth.Caller;
import org.jdbi.v3.core.Handle;

/**
 * Who else may read a file attached to one kind of thing, beyond its uploader and the admins whose scope holds
 * it: the volunteers of a care record's pairing, the coaches of a troupe. The feature that owns the kind
 * implements this (the file feature knows none of them); {@code App} registers it.
 */
public interface AttachmentReaders {
  boolean mayRead(Handle h, Caller caller, long ownerId);
}
