package cn.yuhao.care.wechat;

/** What jscode2session answers. The session key stays on the server. */
public record WeChatSession(String openid, String unionid, String sessionKey) {}
