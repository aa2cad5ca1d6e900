/** Training (培训): courses, volunteers' completions, and each district's coverage (培训全覆盖). */
package cn.yuhao.care.training;
