/**
 * WeChat, reached only through {@code WeChatGateway} (weixin-java-miniapp), and the in-process simulator used in
 * development and tests.
 */
package cn.yuhao.care.wechat;
