/**
 * Satisfaction surveys (满意度调查): questionnaires for children, guardians, head teachers, volunteers or coaches
 * about a troupe, a pairing or a district's programme; answered anonymously through a 小程序码 per subject; results
 * by district, street or troupe with small groups suppressed.
 */
package cn.yuhao.care.survey;
