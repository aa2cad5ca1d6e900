/**
 * Settings read once at start-up from the environment, and the rule sets (care, points, troupes, matching weights)
 * built from them.
 */
package cn.yuhao.care.config;
