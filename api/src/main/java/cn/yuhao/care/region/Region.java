package cn.yuhao.care.region;

/** A district, county or functional zone of Chongqing (区县), by its national division code. */
public record Region(String code, String name, String kind) {}
