/**
 * Who is calling and what she may do: bearer sessions ({@code AuthService}), the access filter that checks each
 * route's roles ({@code AuthFilter}), the caller with her role grants and scope ({@code Caller}, {@code Scope}),
 * and the scope filter every admin query applies in SQL ({@code ScopeFilter}).
 */
package cn.yuhao.care.auth;
