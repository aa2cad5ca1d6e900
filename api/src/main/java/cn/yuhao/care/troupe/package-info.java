/**
 * The 欢唱团 / 欢跑团 troupes: applications, rosters and badges, sessions, QR attendance online and offline, volunteers'
 * check-in with rotating codes and service hours, progress, assessments and annual reports.
 */
package cn.yuhao.care.troupe;
