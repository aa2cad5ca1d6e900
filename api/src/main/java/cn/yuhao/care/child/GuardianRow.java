package cn.yuhao.care.child;

/** A guardian as stored (phone encrypted). */
public record GuardianRow(long childId, String name, String relation, String phoneEnc) {}
