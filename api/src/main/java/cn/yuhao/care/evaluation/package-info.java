/**
 * Third-party evaluation (第三方评估): what an evaluator reads beyond the figures every admin reads, namely a
 * fixed sample of child files with every personal field masked.
 */
package cn.yuhao.care.evaluation;
