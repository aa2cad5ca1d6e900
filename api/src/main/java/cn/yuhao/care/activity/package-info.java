/**
 * Activities volunteers find and sign up for (招募/报名): published by a district, street or team, with a quota, an
 * optional approval step and a waiting list that moves up when a place frees.
 */
package cn.yuhao.care.activity;
