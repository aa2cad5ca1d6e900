package cn.yuhao.care.region;

/** A township or street (乡镇/街道) of a district. */
public record Street(long id, String districtCode, String name) {}
