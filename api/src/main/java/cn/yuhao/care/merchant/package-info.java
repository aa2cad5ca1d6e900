/**
 * Partner merchants (礼遇商家): registration, staff invitations, and the offers volunteers redeem points for.
 */
package cn.yuhao.care.merchant;
