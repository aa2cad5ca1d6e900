/**
 * Pairing children with volunteers (结对关爱, "1+1+N"): pairings and case teams, matching suggestions, volunteers'
 * requests, the district's coverage proposal, the 成年礼 handover, and the pairings that end when a child or
 * volunteer leaves ({@code PairingEndings}).
 */
package cn.yuhao.care.pairing;
