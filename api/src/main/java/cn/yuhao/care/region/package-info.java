/**
 * Chongqing's 41 districts and their streets, and the geohash cells homes are matched by.
 */
package cn.yuhao.care.region;
