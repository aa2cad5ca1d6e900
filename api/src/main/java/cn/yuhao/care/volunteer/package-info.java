/**
 * 爱心妈妈 volunteers: application, admission after a background check, suspension and exit, star levels, and
 * volunteer teams.
 */
package cn.yuhao.care.volunteer;
