/**
 * The child's one file (一人一档): everything the programme holds and did for one child, read as one audited
 * read, and its printable 档案 for the district's archive. A read side over the features, like the dashboard.
 */
package cn.yuhao.care.casefile;
