/**
 * The child ledger (台账): registration, search, edits, audited unmasking, the .xlsx import, guardians and their
 * consent (recorded by an admin or given in the mini-program through a one-time link).
 */
package cn.yuhao.care.child;
