/**
 * The "6+1" care checklist: its items and periods (Chongqing weeks, months, semesters), the care records
 * volunteers write for a pairing, supervisors' follow-ups, compliance figures, and the weekly reminders.
 */
package cn.yuhao.care.checklist;
