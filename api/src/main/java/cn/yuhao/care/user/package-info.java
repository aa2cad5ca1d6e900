/**
 * Users: WeChat login ({@code LoginService}), the signed-in user's profile and phone, admins' user management,
 * role grants and role invitations.
 */
package cn.yuhao.care.user;
