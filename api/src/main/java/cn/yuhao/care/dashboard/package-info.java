/**
 * The dashboard (看板): figures by district and for the city, read from counters the services keep in their own
 * transactions ({@code ChildCounts}, {@code PairingCounts}, {@code VolunteerCounts}, {@code ActivityCounts};
 * {@code Counts} explains how), the .xlsx ledger exports, and the web page's data.
 */
package cn.yuhao.care.dashboard;
